-- listSchemas;

-- findRelations dyn, dyn__tsdbt_tmp, dyn__tsdbt_backup;

show dynamic tables like 'dyn' in schema "WAREHOUSE"."analytics";

alter dynamic table "WAREHOUSE"."analytics"."dyn" set target_lag = '1 hour' warehouse = reporting;
