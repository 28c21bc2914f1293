-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

select * from (
    select 1 as id, 2 as v
) as __dbt_sbq
where false
limit 0;

select * from (
    select
    cast(null as number(38,0)) as ID,
    cast(null as integer) as V
) as __dbt_sbq
where false
limit 0;

create or replace transient table "WAREHOUSE"."analytics"."m"
(
    ID number(38,0) not null primary key,
    V integer unique,
    foreign key (v) references analytics.other (id)
)
 cluster by (id) copy grants as (
select * from (
select ID, V
from (
    select 1 as id, 2 as v
) as model_subq
) order by (id)
);
