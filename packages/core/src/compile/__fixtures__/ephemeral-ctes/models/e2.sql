{{ config(materialized='ephemeral') }}
with x as (select * from {{ ref('e1') }})
select * from x
