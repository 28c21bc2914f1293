-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m" as (
select id, v from src
);
