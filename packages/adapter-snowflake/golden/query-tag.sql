-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

-- query_tag: nightly_orders
create or replace transient table "WAREHOUSE"."analytics"."m" as (
select 1 as id
);
