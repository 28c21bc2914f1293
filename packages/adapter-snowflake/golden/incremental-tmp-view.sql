-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace view "WAREHOUSE"."analytics"."m__tsdbt_tmp" as (
select id, v from src where v > (select max(v) from "WAREHOUSE"."analytics"."m")
);

select * from (
select * from "WAREHOUSE"."analytics"."m__tsdbt_tmp"
) as tsdbt_limited limit 0;

select * from (
select * from "WAREHOUSE"."analytics"."m"
) as tsdbt_limited limit 0;

merge into "WAREHOUSE"."analytics"."m" as DBT_INTERNAL_DEST
using "WAREHOUSE"."analytics"."m__tsdbt_tmp" as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id)
when matched then update set "ID" = DBT_INTERNAL_SOURCE."ID", "V" = DBT_INTERNAL_SOURCE."V"
when not matched then insert ("ID", "V")
values (DBT_INTERNAL_SOURCE."ID", DBT_INTERNAL_SOURCE."V");

drop view if exists "WAREHOUSE"."analytics"."m__tsdbt_tmp" cascade;
