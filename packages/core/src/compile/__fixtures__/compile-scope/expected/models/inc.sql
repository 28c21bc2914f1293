
with __dbt__cte__eph_inc as (

select id from "test"."cj_scope"."base"
) select * from __dbt__cte__eph_inc where id > (select max(id) from "test"."cj_scope"."inc")