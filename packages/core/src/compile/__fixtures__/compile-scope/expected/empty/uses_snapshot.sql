select * from (select * from "test"."cj_scope_snaps"."snap" where false limit 0) _dbt_limit_subq_snap
-- base things view