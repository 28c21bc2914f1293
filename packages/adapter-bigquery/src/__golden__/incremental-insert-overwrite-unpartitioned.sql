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

delete from `proj`.`analytics`.`m` where true;

insert into `proj`.`analytics`.`m` (`id`, `v`, `day`)
(
    select `id`, `v`, `day`
    from `proj`.`analytics`.`m__tsdbt_tmp`
);

drop table if exists `proj`.`analytics`.`m__tsdbt_tmp`;
