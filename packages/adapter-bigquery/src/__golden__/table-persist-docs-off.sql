create table `proj`.`analytics`.`m`
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);
