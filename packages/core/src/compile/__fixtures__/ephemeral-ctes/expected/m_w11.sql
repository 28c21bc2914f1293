with __dbt__cte__e1 as (

select 1 as id
) select 'with' as w, * from __dbt__cte__e1