
    
    
select id from "test"."lead_eph"."m" where 'the shims'' unique' is not null

