

-- True 2
select * from "test"."cj_scope"."base" where false
