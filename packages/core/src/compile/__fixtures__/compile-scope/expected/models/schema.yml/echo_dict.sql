

-- False {'a': 'placed', 'b': [1]}
select * from "test"."cj_scope"."base" where false
