-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m__tsdbt_tmp" as (
select 1 as id
);

alter view "WAREHOUSE"."analytics"."m" rename to "WAREHOUSE"."analytics"."m__tsdbt_backup";

alter table "WAREHOUSE"."analytics"."m__tsdbt_tmp" rename to "WAREHOUSE"."analytics"."m";

drop view if exists "WAREHOUSE"."analytics"."m__tsdbt_backup" cascade;
