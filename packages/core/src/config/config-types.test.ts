import { checkConfigLayer, configValueFits } from "./config-types";

describe("configValueFits: dbt's types for documented config keys", () => {
  test.each([
    ["enabled", true, true],
    ["enabled", "maybe", false],
    ["enabled", "true", false],
    ["full_refresh", null, true],
    ["tags", "nightly", true],
    ["tags", ["a", "b"], true],
    ["tags", { a: 1 }, false],
    ["tags", [["a"]], false],
    ["meta", { owner: "x" }, true],
    ["meta", "x", false],
    ["pre-hook", "grant select on {{ this }} to r", true],
    ["pre-hook", [{ sql: "select 1", transaction: false }, "select 2"], true],
    ["pre-hook", { a: 1 }, false],
    ["docs", { show: false, node_color: "red" }, true],
    ["docs", { show: "maybe" }, false],
    ["contract", { enforced: true }, true],
    ["contract", true, false],
    ["persist_docs", { relation: true, columns: false }, true],
    ["severity", "WARN", true],
    ["severity", "fatal", false],
    ["access", "public", true],
    ["access", "open", false],
    ["limit", 10, true],
    ["limit", 1.5, false],
    ["schema", 123, false],
    ["materialized", "incremental", true],
    ["my_own_key", { anything: [1] }, true],
  ])("%s = %j → %s", (key, value, fits) => {
    expect(configValueFits(key, value)).toBe(fits);
  });

  test("a problem names the key, the expected type and the value's kind, with an example", () => {
    expect(checkConfigLayer({ "+enabled": "maybe", tags: ["ok"] }, "in dbt_project.yml")).toEqual([
      { key: "+enabled", message: "Config 'enabled' in dbt_project.yml must be true or false, not the string 'maybe'.", hint: "dbt expects true or false here; for example `enabled: true`." },
    ]);
  });
});
