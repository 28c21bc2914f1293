-- listSchemas;

-- findRelations people, people__tsdbt_tmp, people__tsdbt_backup;

-- findRelations people, people__tsdbt_tmp, people__tsdbt_backup;

-- loadCsv into analytics.people__tsdbt_tmp (batched binds);

alter table "WAREHOUSE"."analytics"."people__tsdbt_tmp" rename to "WAREHOUSE"."analytics"."people";
