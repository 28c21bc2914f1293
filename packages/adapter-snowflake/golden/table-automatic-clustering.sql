-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m" cluster by (id) as (
select * from (
select 1 as id, 2 as v
) order by (id)
);

alter table "WAREHOUSE"."analytics"."m" resume recluster;
