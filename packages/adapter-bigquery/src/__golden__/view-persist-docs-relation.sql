create or replace view `proj`.`analytics`.`m`
options(description='A view')
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);
