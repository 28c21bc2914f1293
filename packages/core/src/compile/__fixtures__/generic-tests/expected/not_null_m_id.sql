
    
    



select id
from (select * from "test"."lead_eph"."m" where id > 0) dbt_subquery
where id is null


