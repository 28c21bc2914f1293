
with  __dbt__cte__e1 as (

select 1 as id
), x as (select * from __dbt__cte__e1)
select * from x