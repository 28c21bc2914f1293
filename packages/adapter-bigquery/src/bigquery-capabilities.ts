import type { Capabilities } from "@tsdbt/adapter-api";

/**
 * What BigQuery can do, as dbt-bigquery assumes: no DDL inside transactions (each statement is
 * its own job), `MERGE`, `CREATE OR REPLACE TABLE|VIEW` that swaps the relation atomically (so
 * the runner replaces in place; a failed build leaves the old relation), no rename swap (views
 * cannot be renamed), no `COMMENT ON` (descriptions are table options), many jobs at once,
 * other projects addressable in names, IAM grants by `grant`/`revoke`, and free dry runs.
 */
export const bigqueryCapabilities: Capabilities = Object.freeze({
  transactionalDdl: false,
  merge: true,
  createOrReplace: true,
  atomicReplace: true,
  renameRelation: false,
  comments: false,
  concurrentStatements: true,
  crossDatabase: true,
  grants: true,
  dryRun: true,
  copyJobs: true,
  // dbt-bigquery overwrites the partitions each batch holds; batches may run at once
  microbatch: "insert_overwrite",
  microbatchConcurrency: true,
});
