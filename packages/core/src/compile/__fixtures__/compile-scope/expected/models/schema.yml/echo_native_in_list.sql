

-- False [['placed', 'shipped'], '2', 'placed']
select * from "test"."cj_scope"."base" where false
