import { targetDefaults } from "./target-defaults";

describe("targetDefaults", () => {
  // dbt-core 1.10.23 with dbt-postgres 1.9.0 printed, for a profile giving only type, host, port, user,
  // password, dbname, schema and threads, `{{ target | tojson }}` with these further settings.
  it("are dbt-postgres's defaults as templates see them", () => {
    expect(targetDefaults).toEqual({
      application_name: "dbt",
      connect_timeout: 10,
      keepalives_idle: 0,
      retries: 1,
      role: null,
      search_path: null,
      sslcert: null,
      sslkey: null,
      sslmode: null,
      sslrootcert: null,
    });
  });
});
