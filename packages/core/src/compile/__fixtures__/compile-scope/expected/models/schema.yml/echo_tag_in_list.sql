

-- False ['yes', '{x}']
select * from "test"."cj_scope"."base" where false
