create or replace view `proj`.`analytics`.`m`
as (
select 1 as id, 'a' as v, date '2024-01-01' as day
);

select privilege_type, grantee
from `proj`.`region-us`.INFORMATION_SCHEMA.OBJECT_PRIVILEGES
where object_schema = 'analytics'
  and object_name = 'm'
  and split(grantee, ':')[safe_offset(1)] != session_user();

revoke `roles/bigquery.dataViewer` on view `proj`.`analytics`.`m` from "user:bob@example.com";

grant `roles/bigquery.dataViewer` on view `proj`.`analytics`.`m` to "group:analysts@example.com";

grant `roles/bigquery.dataEditor` on view `proj`.`analytics`.`m` to "serviceAccount:loader@proj.iam.gserviceaccount.com";
