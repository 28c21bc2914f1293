create table `proj`.`analytics`.`m`
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);

grant `roles/bigquery.dataViewer` on table `proj`.`analytics`.`m` to "user:ann@example.com", "group:analysts@example.com";

grant `roles/bigquery.dataEditor` on table `proj`.`analytics`.`m` to "serviceAccount:loader@proj.iam.gserviceaccount.com";
