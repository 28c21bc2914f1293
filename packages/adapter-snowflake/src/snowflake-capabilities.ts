import type { Capabilities } from "@tsdbt/adapter-api";

/**
 * What Snowflake can do. DDL commits by itself (no transactional DDL), but `create or replace`
 * swaps a table or view in atomically, so the runner builds in place with one statement.
 * `MERGE`, `ALTER … RENAME TO`, `COMMENT ON`, concurrent statements on separate sessions, and
 * names in other databases are all available, and `grant`/`revoke` manage the `grants` config.
 */
export const SNOWFLAKE_CAPABILITIES: Capabilities = {
  transactionalDdl: false,
  merge: true,
  createOrReplace: true,
  atomicReplace: true,
  renameRelation: true,
  comments: true,
  concurrentStatements: true,
  crossDatabase: true,
  grants: true,
  queryTags: true,
  // dbt-snowflake deletes the batch window and inserts the batch; batches may run at once
  microbatch: "delete+insert",
  microbatchConcurrency: true,
};
