create table `proj`.`analytics`.`m__tsdbt_tmp`
partition by day
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);

select * from (
select * from `proj`.`analytics`.`m__tsdbt_tmp`
) as tsdbt_limited limit 0;

select * from (
select * from `proj`.`analytics`.`m`
) as tsdbt_limited limit 0;

select distinct coalesce(format_date('%Y%m%d', `day`), '__NULL__') as partition_id
from `proj`.`analytics`.`m__tsdbt_tmp`;

-- copy job (WRITE_TRUNCATE, CREATE_IF_NEEDED): proj.analytics.m__tsdbt_tmp$20240101 -> proj.analytics.m$20240101;

-- copy job (WRITE_TRUNCATE, CREATE_IF_NEEDED): proj.analytics.m__tsdbt_tmp$20240102 -> proj.analytics.m$20240102;

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp`;
