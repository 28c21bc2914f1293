with __dbt__cte__e3 as (

  select 2 as id
) select * from __dbt__cte__e3