/**
 * Where the BigQuery tests run, from the environment: the local endpoint (bqlite) when
 * `BIGQUERY_EMULATOR_URL` is set, else live BigQuery when `BIGQUERY_PROJECT` is set, else nowhere
 * (the suites skip and say which variables to set).
 *
 * Live: `BIGQUERY_PROJECT` (the project models build in), `BIGQUERY_METHOD` (default `oauth`,
 * gcloud's application-default credentials), `BIGQUERY_KEYFILE` (for `service-account`),
 * `BIGQUERY_LOCATION` (e.g. `EU`; BigQuery's default when unset).
 */
export type BigQueryTestTarget =
  | { kind: "emulator"; url: string; target: Record<string, unknown> }
  | { kind: "live"; target: Record<string, unknown> }
  | { kind: "none"; reason: string };

/** The target of the BigQuery tests, or why there is none. */
export function bigqueryTestTarget(env: NodeJS.ProcessEnv = process.env): BigQueryTestTarget {
  const url = env.BIGQUERY_EMULATOR_URL;
  if (url) {
    return { kind: "emulator", url, target: { type: "bigquery", method: "oauth-secrets", token: "local-endpoint", project: "tsdbt-test", api_endpoint: url, location: "US" } };
  }
  const project = env.BIGQUERY_PROJECT;
  if (project) {
    const method = env.BIGQUERY_METHOD ?? "oauth";
    return {
      kind: "live",
      target: {
        type: "bigquery",
        method,
        project,
        ...(env.BIGQUERY_KEYFILE ? { keyfile: env.BIGQUERY_KEYFILE } : {}),
        ...(env.BIGQUERY_LOCATION ? { location: env.BIGQUERY_LOCATION } : {}),
        job_retries: 2,
      },
    };
  }
  return {
    kind: "none",
    reason: "set BIGQUERY_EMULATOR_URL (a local bqlite endpoint, see docs/adapters.md) or BIGQUERY_PROJECT (live BigQuery) to run it",
  };
}
