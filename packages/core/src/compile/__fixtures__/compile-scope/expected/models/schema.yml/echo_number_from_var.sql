

-- False 6
select * from "test"."cj_scope"."base" where false
