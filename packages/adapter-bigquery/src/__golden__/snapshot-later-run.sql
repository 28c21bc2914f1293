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

select * from (
select * from `proj`.`analytics`.`snap`
) as tsdbt_limited limit 0;

update `proj`.`analytics`.`snap` as t set dbt_valid_to = (select max(s.__tsdbt_snap_updated_at) from `proj`.`analytics`.`snap__tsdbt_tmp` as s where t.id = s.id)
where t.dbt_valid_to is null and exists (select 1 from `proj`.`analytics`.`snap__tsdbt_tmp` as s where t.id = s.id and (t.dbt_valid_from < s.__tsdbt_snap_updated_at));

insert into `proj`.`analytics`.`snap` (`id`, `v`, `day`, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to)
select s.`id`, s.`v`, s.`day`, to_hex(md5(coalesce(cast(s.id as STRING), '') || '|' || coalesce(cast(s.__tsdbt_snap_updated_at as STRING), ''))) as dbt_scd_id, s.__tsdbt_snap_updated_at as dbt_updated_at, s.__tsdbt_snap_updated_at as dbt_valid_from, nullif(s.__tsdbt_snap_updated_at, s.__tsdbt_snap_updated_at) as dbt_valid_to
from `proj`.`analytics`.`snap__tsdbt_tmp` as s
where not exists (select 1 from `proj`.`analytics`.`snap` as t where t.id = s.id and t.dbt_valid_to is null);

drop table if exists `proj`.`analytics`.`snap__tsdbt_tmp`;
