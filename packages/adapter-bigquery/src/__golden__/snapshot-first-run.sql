create table `proj`.`analytics`.`snap__tsdbt_tmp`
as (
select tsdbt_source.*, updated_at as __tsdbt_snap_updated_at
from (
select 1 as id, 'a' as v, timestamp '2024-01-01' as updated_at
) as tsdbt_source
);

select * from (
select * from `proj`.`analytics`.`snap__tsdbt_tmp`
) as tsdbt_limited limit 0;

create table `proj`.`analytics`.`snap`
as (
select s.`id`, s.`v`, s.`day`, to_hex(md5(coalesce(cast(s.id as STRING), '') || '|' || coalesce(cast(s.__tsdbt_snap_updated_at as STRING), ''))) as dbt_scd_id, s.__tsdbt_snap_updated_at as dbt_updated_at, s.__tsdbt_snap_updated_at as dbt_valid_from, nullif(s.__tsdbt_snap_updated_at, s.__tsdbt_snap_updated_at) as dbt_valid_to
from `proj`.`analytics`.`snap__tsdbt_tmp` as s
);

drop table if exists `proj`.`analytics`.`snap__tsdbt_tmp`;
