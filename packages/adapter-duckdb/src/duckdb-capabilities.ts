import type { Capabilities } from "@tsdbt/adapter-api";

/**
 * What the bundled DuckDB (1.5) can do. DuckDB runs DDL inside transactions, has had
 * `MERGE INTO` since 1.4, `CREATE OR REPLACE`, `ALTER … RENAME TO` and `COMMENT ON`,
 * and addresses attached databases by catalog name. An incremental model without a strategy
 * uses delete+insert (append without a unique_key), as dbt-duckdb. It has no `GRANT`: a
 * `grants` config draws one warning per run, as dbt-duckdb gives.
 */
export const DUCKDB_CAPABILITIES: Capabilities = {
  transactionalDdl: true,
  merge: true,
  createOrReplace: true,
  defaultIncrementalStrategy: { withUniqueKey: "delete+insert", withoutUniqueKey: "delete+insert" },
  renameRelation: true,
  comments: true,
  concurrentStatements: true,
  crossDatabase: true,
  grants: false,
};
