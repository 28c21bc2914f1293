/*/ c */ with  __dbt__cte__e1 as (

select 1 as id
), r as (select * from __dbt__cte__e1)
select * from r