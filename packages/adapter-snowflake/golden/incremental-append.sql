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

insert into "WAREHOUSE"."analytics"."m" ("ID", "V")
(
    select "ID", "V"
    from "WAREHOUSE"."analytics"."m__tsdbt_tmp"
);

drop view if exists "WAREHOUSE"."analytics"."m__tsdbt_tmp" cascade;
