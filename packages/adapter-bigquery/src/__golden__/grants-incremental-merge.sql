create table `proj`.`analytics`.`m__tsdbt_tmp`
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);

select * from (
select * from `proj`.`analytics`.`m__tsdbt_tmp`
) as tsdbt_limited limit 0;

select * from (
select * from `proj`.`analytics`.`m`
) as tsdbt_limited limit 0;

merge into `proj`.`analytics`.`m` as DBT_INTERNAL_DEST
using `proj`.`analytics`.`m__tsdbt_tmp` as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id)
when matched then update set `id` = DBT_INTERNAL_SOURCE.`id`, `v` = DBT_INTERNAL_SOURCE.`v`, `day` = DBT_INTERNAL_SOURCE.`day`
when not matched then insert (`id`, `v`, `day`)
values (DBT_INTERNAL_SOURCE.`id`, DBT_INTERNAL_SOURCE.`v`, DBT_INTERNAL_SOURCE.`day`);

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp`;

select privilege_type, grantee
from `proj`.`region-us`.INFORMATION_SCHEMA.OBJECT_PRIVILEGES
where object_schema = 'analytics'
  and object_name = 'm'
  and split(grantee, ':')[safe_offset(1)] != session_user();

revoke `roles/bigquery.dataViewer` on table `proj`.`analytics`.`m` from "user:bob@example.com";
