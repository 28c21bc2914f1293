import type { QueryResult } from "@tsdbt/adapter-api";
import type { MacroPort, SyncStatements } from "../types";

/** `alter session set query_tag = '<tag>'`, as set_query_tag macros send it. */
const SET_QUERY_TAG = /^\s*alter\s+session\s+set\s+query_tag\s*=\s*'((?:[^']|'')*)'\s*;?\s*$/i;

const NO_ROWS: QueryResult = { rows: [], columns: [], rowsAffected: null };

/**
 * The query tag a project's or package's `set_query_tag()` override gives a node, or null when
 * nothing overrides it. dbt's Snowflake materializations call set_query_tag() before a build and
 * unset_query_tag() after it, and the override (such as dbt_snowflake_query_tags') sets the
 * session's tag with `alter session set query_tag = '…'`. tsdbt runs statements on pooled
 * sessions and tags each statement instead: the override is rendered, the tag it would set is
 * taken from that statement (which is not sent), and the build's statements carry it.
 */
export function sessionQueryTag(macros: MacroPort, uniqueId: string): string | null {
  if (macros.overrides(uniqueId, ["set_query_tag"]).length === 0) return null;
  let tag: string | null = null;
  const capture: SyncStatements = {
    executeSync(sql) {
      const set = SET_QUERY_TAG.exec(sql);
      if (set) tag = set[1]!.replace(/''/g, "'");
      return NO_ROWS;
    },
  };
  macros.call(uniqueId, "set_query_tag", [], capture);
  return tag;
}
