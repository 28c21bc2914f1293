-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m" copy grants as (
select 1 as id
);

show grants on table "WAREHOUSE"."analytics"."m";

revoke SELECT on table "WAREHOUSE"."analytics"."m" from role "OLD_READER";

grant select on table "WAREHOUSE"."analytics"."m" to analyst;
