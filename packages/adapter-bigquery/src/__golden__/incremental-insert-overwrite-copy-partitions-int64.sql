create table `proj`.`analytics`.`m__tsdbt_tmp`
partition by range_bucket(id, generate_array(0, 100, 10))
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);

select * from (
select * from `proj`.`analytics`.`m__tsdbt_tmp`
) as tsdbt_limited limit 0;

select * from (
select * from `proj`.`analytics`.`m`
) as tsdbt_limited limit 0;

select distinct case when `id` is null then '__NULL__' when `id` < 0 or `id` >= 100 then '__UNPARTITIONED__' else cast(0 + div(`id` - 0, 10) * 10 as string) end as partition_id
from `proj`.`analytics`.`m__tsdbt_tmp`;

-- copy job (WRITE_TRUNCATE, CREATE_IF_NEEDED): proj.analytics.m__tsdbt_tmp$0 -> proj.analytics.m$0;

-- copy job (WRITE_TRUNCATE, CREATE_IF_NEEDED): proj.analytics.m__tsdbt_tmp$__UNPARTITIONED__ -> proj.analytics.m$__UNPARTITIONED__;

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp`;
