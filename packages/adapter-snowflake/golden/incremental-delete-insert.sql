-- listSchemas;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m__tsdbt_tmp" as (
select id, v from src where v > (select max(v) from "WAREHOUSE"."analytics"."m")
);

select * from (
select * from "WAREHOUSE"."analytics"."m__tsdbt_tmp"
) as tsdbt_limited limit 0;

select * from (
select * from "WAREHOUSE"."analytics"."m"
) as tsdbt_limited limit 0;

begin;

delete from "WAREHOUSE"."analytics"."m" as DBT_INTERNAL_DEST
where DBT_INTERNAL_DEST.id in (select id from "WAREHOUSE"."analytics"."m__tsdbt_tmp");

insert into "WAREHOUSE"."analytics"."m" ("ID", "V")
(
    select "ID", "V"
    from "WAREHOUSE"."analytics"."m__tsdbt_tmp"
);

commit;

drop table if exists "WAREHOUSE"."analytics"."m__tsdbt_tmp" cascade;
