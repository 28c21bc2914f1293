
select id from "test"."cj_scope"."base"