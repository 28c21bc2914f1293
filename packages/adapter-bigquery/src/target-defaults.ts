/**
 * The settings of a BigQuery target that templates see (`target.<key>`) when the profile leaves
 * them out: dbt-bigquery's credential defaults.
 */
export const targetDefaults: Readonly<Record<string, unknown>> = Object.freeze({
  execution_project: null,
  location: null,
  priority: "interactive",
  maximum_bytes_billed: null,
  job_execution_timeout_seconds: null,
  job_creation_timeout_seconds: null,
  job_retries: 1,
  job_retry_deadline_seconds: null,
  impersonate_service_account: null,
});
