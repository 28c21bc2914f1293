
select id from "test"."lead_eph"."m" where 'the project''s unique' is not null
