

-- False ['placed', 'shipped']
select * from "test"."cj_scope"."base" where false
