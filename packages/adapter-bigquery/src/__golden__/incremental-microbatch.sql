create table `proj`.`analytics`.`m__tsdbt_tmp_20240101`
as (
select id, v, day from (select * from `proj`.`analytics`.`src` where day >= '2024-01-01 00:00:00+00:00' and day < '2024-01-02 00:00:00+00:00') _dbt_et_filter_subq_src
);

select * from (
select * from `proj`.`analytics`.`m__tsdbt_tmp_20240101`
) as tsdbt_limited limit 0;

select * from (
select * from `proj`.`analytics`.`m`
) as tsdbt_limited limit 0;

merge into `proj`.`analytics`.`m` as DBT_INTERNAL_DEST
using `proj`.`analytics`.`m__tsdbt_tmp_20240101` as DBT_INTERNAL_SOURCE
on false
when not matched by source and DBT_INTERNAL_DEST.`day` in (select distinct `day` from `proj`.`analytics`.`m__tsdbt_tmp_20240101`) then delete
when not matched then insert (`id`, `v`, `day`)
values (DBT_INTERNAL_SOURCE.`id`, DBT_INTERNAL_SOURCE.`v`, DBT_INTERNAL_SOURCE.`day`);

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp_20240101`;

create table `proj`.`analytics`.`m__tsdbt_tmp_20240102`
as (
select id, v, day from (select * from `proj`.`analytics`.`src` where day >= '2024-01-02 00:00:00+00:00' and day < '2024-01-03 00:00:00+00:00') _dbt_et_filter_subq_src
);

select * from (
select * from `proj`.`analytics`.`m__tsdbt_tmp_20240102`
) as tsdbt_limited limit 0;

select * from (
select * from `proj`.`analytics`.`m`
) as tsdbt_limited limit 0;

merge into `proj`.`analytics`.`m` as DBT_INTERNAL_DEST
using `proj`.`analytics`.`m__tsdbt_tmp_20240102` as DBT_INTERNAL_SOURCE
on false
when not matched by source and DBT_INTERNAL_DEST.`day` in (select distinct `day` from `proj`.`analytics`.`m__tsdbt_tmp_20240102`) then delete
when not matched then insert (`id`, `v`, `day`)
values (DBT_INTERNAL_SOURCE.`id`, DBT_INTERNAL_SOURCE.`v`, DBT_INTERNAL_SOURCE.`day`);

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp_20240102`;
