/**
 * What an engine can do. Runners branch on these flags, never on an adapter's name.
 * Each flag documents the behaviour assumed when it is false.
 */
export interface Capabilities {
  /** DDL runs inside a transaction and rolls back with it (PostgreSQL, DuckDB). When false, swaps are done with renames outside a transaction. */
  transactionalDdl: boolean;
  /** `MERGE INTO … USING … ON …` is supported. When false, merge strategies fall back to delete+insert. */
  merge: boolean;
  /** `CREATE OR REPLACE TABLE/VIEW` is supported. */
  createOrReplace: boolean;
  /**
   * `CREATE OR REPLACE VIEW` keeps a view (and the views over it) when its new query has the
   * same leading columns (PostgreSQL); the runner tries it under a savepoint and swaps the view
   * when the engine refuses. Absent: what {@link createOrReplace} says.
   */
  replaceViewKeepingColumns?: boolean;
  /**
   * `CREATE OR REPLACE` swaps a table or view in atomically although DDL is not transactional
   * (Snowflake, BigQuery): the runner then builds a table or view in place with one statement
   * instead of a temp relation and renames. Absent: false.
   */
  atomicReplace?: boolean;
  /**
   * The strategy an incremental model without `incremental_strategy` uses, with and without a
   * `unique_key`, as the engine's dbt adapter defaults it (dbt-postgres: delete+insert, append
   * without a key; dbt-duckdb: delete+insert, which appends without a key; dbt-snowflake and
   * dbt-bigquery: merge). Absent: `merge` where {@link merge} is true, else `delete+insert`.
   */
  defaultIncrementalStrategy?: { withUniqueKey: DefaultIncrementalStrategy; withoutUniqueKey: DefaultIncrementalStrategy };
  /** `ALTER … RENAME TO` can swap a relation in. */
  renameRelation: boolean;
  /** `COMMENT ON` (persist_docs) is supported. */
  comments: boolean;
  /** Several statements may run at once on separate connections. */
  concurrentStatements: boolean;
  /** Databases other than the connection's own can be addressed in names. */
  crossDatabase: boolean;
  /**
   * `GRANT` / `REVOKE` on relations (the `grants` config, through `dialect.grants`). Absent or
   * false: the engine has no privileges to manage, and a `grants` config only draws one warning
   * per run, as dbt-duckdb gives.
   */
  grants?: boolean;
  /**
   * Statements carry a query tag (`ExecuteOptions.queryTag`, Snowflake's QUERY_TAG): dbt's
   * materializations of such engines call `set_query_tag()`, and an override of it (the
   * dbt_snowflake_query_tags package's) decides the tag of a node's statements. Absent: false.
   */
  queryTags?: boolean;
  /**
   * `adapter.dryRun(sql)` validates a statement and prices it without running it (BigQuery's
   * dry-run jobs), for `tsdbt compile --dry-run`. Absent: false.
   */
  dryRun?: boolean;
  /**
   * `adapter.copyTables(...)` copies tables inside the warehouse without a query (BigQuery's
   * copy jobs, free), for `materialized: copy`. Absent: false.
   */
  copyJobs?: boolean;
  /**
   * How the engine's dbt adapter writes one batch of a microbatch model: `merge` on the
   * `unique_key` (dbt-postgres, which requires one), `insert_overwrite` of the partitions the
   * batch holds (dbt-bigquery), or `delete+insert`: the target's rows of the batch's `event_time`
   * window deleted, the batch's rows inserted (dbt-duckdb, dbt-snowflake). Absent: `delete+insert`.
   */
  microbatch?: "merge" | "insert_overwrite" | "delete+insert";
  /**
   * Batches of a microbatch model may run at once (dbt's MicrobatchConcurrency: dbt-snowflake,
   * dbt-bigquery). Absent: false, batches run one after another (dbt-postgres, dbt-duckdb).
   */
  microbatchConcurrency?: boolean;
}

/** A built-in strategy an adapter can default incremental models to. */
export type DefaultIncrementalStrategy = "merge" | "delete+insert" | "append";

/** Defaults for an engine that can do little: every flag false except concurrency. */
export const MINIMAL_CAPABILITIES: Capabilities = {
  transactionalDdl: false,
  merge: false,
  createOrReplace: false,
  renameRelation: false,
  comments: false,
  concurrentStatements: true,
  crossDatabase: false,
};
