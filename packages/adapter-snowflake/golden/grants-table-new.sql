-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m" as (
select 1 as id
);

grant select on table "WAREHOUSE"."analytics"."m" to reporter;

grant select on table "WAREHOUSE"."analytics"."m" to analyst;
