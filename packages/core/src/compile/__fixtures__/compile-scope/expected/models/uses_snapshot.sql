select * from "test"."cj_scope_snaps"."snap"
-- base things view