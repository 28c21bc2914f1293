create table `proj`.`analytics`.`m`
partition by date_trunc(day, month)
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);
