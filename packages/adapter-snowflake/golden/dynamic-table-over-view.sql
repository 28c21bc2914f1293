-- listSchemas;

-- findRelations dyn, dyn__tsdbt_tmp, dyn__tsdbt_backup;

drop view if exists "WAREHOUSE"."analytics"."dyn" cascade;

create or replace dynamic table "WAREHOUSE"."analytics"."dyn"
target_lag = '5 minutes'
warehouse = transforming
as (
select id, v from src
);
