/**
 * @packageDocumentation
 * The BigQuery adapter (@google-cloud/bigquery). Profile keys follow dbt-bigquery: `method`
 * (oauth, oauth-secrets, service-account, service-account-json), `project`/`database`,
 * `dataset`/`schema`, `execution_project`, `location`, `priority`, `maximum_bytes_billed`,
 * `job_execution_timeout_seconds`, `job_creation_timeout_seconds`, `job_retries`,
 * `job_retry_deadline_seconds`, `impersonate_service_account`, `scopes`, `api_endpoint`, `threads`.
 * Besides `createAdapter`, it exports `dialect` and `describeTarget` so core can name relations
 * while compiling without connecting; the driver loads on the first `createAdapter` call.
 */
import type { AdapterFactory } from "@tsdbt/adapter-api";

/** Creates a BigQuery adapter; @google-cloud/bigquery is loaded on this call, not on import. */
export const createAdapter: AdapterFactory = (target, context) =>
  (require("./bigquery-adapter") as typeof import("./bigquery-adapter")).createAdapter(target, context);
export type { BigQueryAdapter, DryRunResult } from "./bigquery-adapter";
export { bigqueryDialect, bigqueryDialect as dialect, bigqueryDialectFor, createMaterializedViewAs } from "./bigquery-dialect";
export { bigqueryQuote } from "./bigquery-quote";
export { bigqueryGrants } from "./bigquery-grants";
export { bigqueryCapabilities } from "./bigquery-capabilities";
export { describeTarget } from "./describe-target";
export { targetDefaults } from "./target-defaults";
export { readBigQueryProfile, AUTH_METHODS, DEFAULT_SCOPES, type BigQueryProfile, type BigQueryCredentials, type AuthMethod } from "./bigquery-profile";
export { BigQueryErrorCode } from "./bigquery-errors";
export { readPartitionBy, partitionExpression, type PartitionBy } from "./partition-by";
export { bigqueryIncrementalStatements } from "./incremental-sql";

/** Macros of this adapter (`bigquery__*` implementations of dispatched macros), read by core at parse. */
export const macrosDir = require("node:path").join(__dirname, "..", "include", "macros") as string;
