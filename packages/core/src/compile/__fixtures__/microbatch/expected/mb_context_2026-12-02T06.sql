
-- batch {'id': '20261202T06', 'event_time_start': datetime.datetime(2026, 12, 2, 6, 0, tzinfo=<UTC>), 'event_time_end': datetime.datetime(2026, 12, 2, 7, 0, tzinfo=<UTC>)}
-- id 20261202T06 start 2026-12-02 06:00:00+00:00 end 2026-12-02 07:00:00+00:00
-- internal 2026-12-02 06:00:00+00:00 / 2026-12-02 07:00:00+00:00
-- incremental True
select id, occurred_at, amount from (select * from "test"."micro_golden"."events" where occurred_at >= '2026-12-02 06:00:00+00:00' and occurred_at < '2026-12-02 07:00:00+00:00') _dbt_et_filter_subq_events