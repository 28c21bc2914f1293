with __dbt__cte__e_alias as (

select 4 as id
) select * from __dbt__cte__e_alias