

-- True placed and more
select * from "test"."cj_scope"."base" where false
