-- listSchemas;

-- listRelations;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261201" as (
select id, v from (select * from src where v >= '2026-12-01 00:00:00+00:00' and v < '2026-12-02 00:00:00+00:00') _dbt_et_filter_subq_src
);

select * from (
select * from "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261201"
) as tsdbt_limited limit 0;

select * from (
select * from "WAREHOUSE"."analytics"."m"
) as tsdbt_limited limit 0;

begin;

delete from "WAREHOUSE"."analytics"."m" DBT_INTERNAL_TARGET
where (
    DBT_INTERNAL_TARGET.id > 0
    and DBT_INTERNAL_TARGET.v >= to_timestamp_tz('2026-12-01 00:00:00+00:00')
    and DBT_INTERNAL_TARGET.v < to_timestamp_tz('2026-12-02 00:00:00+00:00')
);

insert into "WAREHOUSE"."analytics"."m" ("ID", "V")
(
    select "ID", "V"
    from "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261201"
);

commit;

drop table if exists "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261201" cascade;

-- findRelations m, m__tsdbt_tmp, m__tsdbt_backup;

create or replace transient table "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261202" as (
select id, v from (select * from src where v >= '2026-12-02 00:00:00+00:00' and v < '2026-12-03 00:00:00+00:00') _dbt_et_filter_subq_src
);

select * from (
select * from "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261202"
) as tsdbt_limited limit 0;

select * from (
select * from "WAREHOUSE"."analytics"."m"
) as tsdbt_limited limit 0;

begin;

delete from "WAREHOUSE"."analytics"."m" DBT_INTERNAL_TARGET
where (
    DBT_INTERNAL_TARGET.id > 0
    and DBT_INTERNAL_TARGET.v >= to_timestamp_tz('2026-12-02 00:00:00+00:00')
    and DBT_INTERNAL_TARGET.v < to_timestamp_tz('2026-12-03 00:00:00+00:00')
);

insert into "WAREHOUSE"."analytics"."m" ("ID", "V")
(
    select "ID", "V"
    from "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261202"
);

commit;

drop table if exists "WAREHOUSE"."analytics"."m__tsdbt_tmp_20261202" cascade;
