{{ config(materialized='table') }}

-- A first model: a few rows written directly in SQL, built as a table.
-- Replace this select with one over your own data (a seed, or a source).
select 1 as id, 'apple' as fruit, 3 as quantity
union all
select 2 as id, 'pear' as fruit, 5 as quantity
union all
select 3 as id, 'plum' as fruit, 0 as quantity
