

-- False "test"."cj_scope"."base"
select * from "test"."cj_scope"."base" where false
