-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace view "WAREHOUSE"."analytics"."m" copy grants as (
select 1 as id
);

show grants on view "WAREHOUSE"."analytics"."m";

revoke SELECT on view "WAREHOUSE"."analytics"."m" from role "OLD_READER";

grant select on view "WAREHOUSE"."analytics"."m" to analyst;
