
    
    



select name
from "test"."lead_eph"."m"
where name is null


