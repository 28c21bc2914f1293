
    
    



select id
from "test"."lead_eph"."m"
where id is null


