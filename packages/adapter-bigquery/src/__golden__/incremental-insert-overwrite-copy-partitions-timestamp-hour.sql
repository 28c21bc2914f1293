create table `proj`.`analytics`.`m__tsdbt_tmp`
partition by timestamp_trunc(ts, hour)
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);

select * from (
select * from `proj`.`analytics`.`m__tsdbt_tmp`
) as tsdbt_limited limit 0;

select * from (
select * from `proj`.`analytics`.`m`
) as tsdbt_limited limit 0;

select distinct coalesce(format_timestamp('%Y%m%d%H', `ts`, 'UTC'), '__NULL__') as partition_id
from `proj`.`analytics`.`m__tsdbt_tmp`;

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp`;
