
    
    
select id from "test"."lead_eph"."m" where 'the project''s not_null' is not null

