-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace table "WAREHOUSE"."analytics"."m" cluster by (id, v) copy grants as (
select * from (
select 1 as id, 2 as v
) order by (id, v)
);
