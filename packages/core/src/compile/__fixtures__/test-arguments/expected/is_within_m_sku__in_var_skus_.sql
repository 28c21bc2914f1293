
select * from "test"."lead_eph"."m" where not (sku in ['pro', 'ent'])
