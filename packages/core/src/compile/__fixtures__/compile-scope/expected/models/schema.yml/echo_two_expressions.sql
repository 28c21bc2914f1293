

-- True placed-placed
select * from "test"."cj_scope"."base" where false
