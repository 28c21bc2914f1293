-- listSchemas;

-- findRelations dyn, dyn__tsdbt_tmp, dyn__tsdbt_backup;

create or replace dynamic table "WAREHOUSE"."analytics"."dyn"
target_lag = '5 minutes'
warehouse = transforming
refresh_mode = INCREMENTAL
initialize = ON_CREATE
as (
select id, v from src
);
