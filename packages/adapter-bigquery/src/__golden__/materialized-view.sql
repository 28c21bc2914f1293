drop table if exists `proj`.`analytics`.`m`;

create or replace materialized view `proj`.`analytics`.`m`
partition by day
cluster by day
options(labels=[('tier', 'gold')], enable_refresh=true, refresh_interval_minutes=30, max_staleness=interval 4 hour)
as (
select day, count(*) as n from `proj`.`analytics`.`events` group by day
);
