create table `proj`.`analytics`.`m`
partition by range_bucket(id, generate_array(0, 1000, 10))
cluster by v
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);
