create or replace materialized view `proj`.`analytics`.`mv`
partition by day
cluster by day
options(labels=[('tier', 'gold')], enable_refresh=true, refresh_interval_minutes=30, max_staleness=interval 4 hour)
as (
select day, count(*) as n from `proj`.`analytics`.`events` group by day
);
