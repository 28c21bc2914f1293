-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace secure view "WAREHOUSE"."analytics"."m" copy grants as (
select 1 as id
);
