with __dbt__cte__e1 as (

select 1 as id
) -- __dbt__cte__e1