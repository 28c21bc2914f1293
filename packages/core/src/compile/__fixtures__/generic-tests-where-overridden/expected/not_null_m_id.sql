
    
    



select id
from (select * from "test"."lead_eph"."m" where 'the project''s get_where_subquery' is not null) tested
where id is null


