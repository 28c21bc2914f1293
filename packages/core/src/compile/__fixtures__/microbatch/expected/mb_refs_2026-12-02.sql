
-- this is "test"."micro_golden"."mb_refs"
with  __dbt__cte__eph as (

select * from "test"."micro_golden"."events"
), e as (select * from (select * from "test"."micro_golden"."events" where occurred_at >= '2026-12-02 00:00:00+00:00' and occurred_at < '2026-12-03 00:00:00+00:00') _dbt_et_filter_subq_events),
s as (select * from (select * from "test"."micro_golden"."events" where occurred_at >= '2026-12-02 00:00:00+00:00' and occurred_at < '2026-12-03 00:00:00+00:00') _dbt_et_filter_subq_events),
u as (select * from "test"."micro_golden"."events"),
p as (select * from (select * from __dbt__cte__eph where occurred_at >= '2026-12-02 00:00:00+00:00' and occurred_at < '2026-12-03 00:00:00+00:00') _dbt_et_filter_subq___dbt__cte__eph),
x as (select * from "test"."micro_golden"."plain")
select e.id, e.occurred_at, e.amount from e join s on s.id = e.id join u on u.id = e.id join p on p.id = e.id cross join x