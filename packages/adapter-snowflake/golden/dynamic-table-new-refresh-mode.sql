-- listSchemas;

-- findRelations dyn, dyn__tsdbt_tmp, dyn__tsdbt_backup;

show dynamic tables like 'dyn' in schema "WAREHOUSE"."analytics";

create or replace dynamic table "WAREHOUSE"."analytics"."dyn"
target_lag = '5 minutes'
warehouse = transforming
refresh_mode = FULL
as (
select id, v from src
);
