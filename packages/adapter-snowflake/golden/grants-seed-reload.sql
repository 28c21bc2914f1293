-- listSchemas;

-- findRelations people, people__tsdbt_tmp, people__tsdbt_backup;

select * from (
select * from "WAREHOUSE"."analytics"."people"
) as tsdbt_limited limit 0;

-- loadCsv into analytics.people__tsdbt_tmp (batched binds);

begin;

delete from "WAREHOUSE"."analytics"."people" where true;

insert into "WAREHOUSE"."analytics"."people" ("ID", "V")
select "ID", "V" from "WAREHOUSE"."analytics"."people__tsdbt_tmp";

commit;

drop table if exists "WAREHOUSE"."analytics"."people__tsdbt_tmp" cascade;

show grants on table "WAREHOUSE"."analytics"."people";

revoke SELECT on table "WAREHOUSE"."analytics"."people" from role "OLD_READER";

grant select on table "WAREHOUSE"."analytics"."people" to analyst;
