
-- True  ['pro', 'ent']
select * from "test"."lead_eph"."m" where false
