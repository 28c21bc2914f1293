

-- True x ref('other')
select * from "test"."cj_scope"."base" where false
