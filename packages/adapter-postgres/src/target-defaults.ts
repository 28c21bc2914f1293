/**
 * The settings of a PostgreSQL target that templates see (`target.<key>`) when the profile leaves
 * them out: dbt-postgres's credential defaults, as dbt-core 1.10.23 printed `{{ target | tojson }}`.
 */
export const targetDefaults: Readonly<Record<string, unknown>> = Object.freeze({
  connect_timeout: 10,
  role: null,
  search_path: null,
  keepalives_idle: 0,
  sslmode: null,
  sslcert: null,
  sslkey: null,
  sslrootcert: null,
  application_name: "dbt",
  retries: 1,
});
