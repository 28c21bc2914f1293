create or replace table `proj`.`analytics`.`m`
options(description='Orders, one row each; it\'s documented.', labels=[('team', 'sales')])
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);
