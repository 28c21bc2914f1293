select * from (
    select 1 as id, 'a' as v, date '2024-01-01' as day
) as __dbt_sbq
where false
limit 0;

select * from (
    select
    cast(null as int64) as id,
    cast(null as STRING) as v,
    cast(null as date) as day
) as __dbt_sbq
where false
limit 0;

create or replace table `proj`.`analytics`.`m`
(
    id int64 not null primary key not enforced,
    v STRING,
    day date,
    foreign key (v) references `proj`.`analytics`.`other` (v) not enforced
)
partition by day
cluster by v
as (
select id, v, day
from (
    select 1 as id, 'a' as v, date '2024-01-01' as day
) as model_subq
);
