

with __dbt__cte__e1 as (

select 1 as id
),  __dbt__cte__e2 as (

with x as (select * from __dbt__cte__e1)
select * from x
) select * from __dbt__cte__e2