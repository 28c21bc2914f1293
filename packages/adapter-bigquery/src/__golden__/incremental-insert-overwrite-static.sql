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
on false
when not matched by source and DBT_INTERNAL_DEST.`day` in (date('2024-01-01'), date('2024-01-02')) then delete
when not matched then insert (`id`, `v`, `day`)
values (DBT_INTERNAL_SOURCE.`id`, DBT_INTERNAL_SOURCE.`v`, DBT_INTERNAL_SOURCE.`day`);

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp`;
