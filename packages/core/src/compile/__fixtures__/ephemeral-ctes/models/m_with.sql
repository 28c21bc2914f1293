-- leading comment
with a as (
  select * from {{ ref('e2') }}
), b as (select * from {{ ref('e1') }})
select * from a join b using (id)
