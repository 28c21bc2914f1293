/**
 * The settings of a Snowflake target that templates see (`target.<key>`) when the profile leaves
 * them out: the defaults dbt-snowflake documents for its credentials.
 */
export const targetDefaults: Readonly<Record<string, unknown>> = Object.freeze({
  role: null,
  warehouse: null,
  authenticator: "snowflake",
  query_tag: null,
  client_session_keep_alive: false,
  connect_retries: 1,
  connect_timeout: 10,
  retry_on_database_errors: false,
  retry_all: false,
  reuse_connections: true,
  insecure_mode: false,
});
