import { parsePropertiesFile } from "./parse-properties-file";

const SCHEMA = `version: 2
models:
  - name: orders
    description: One row per order.
    access: public
    latest_version: 2
    config: {materialized: table}
    meta: {owner: sales}
    tags: finance
    data_tests:
      - dbt_utils.expression_is_true: {expression: "amount >= 0"}
    columns:
      - name: order_id
        data_type: integer
        quote: true
        tests: [unique, not_null]
        constraints: [{type: primary_key}]
    versions:
      - v: 2
sources:
  - name: raw
    schema: raw_data
    loader: fivetran
    loaded_at_field: _loaded_at
    freshness: {warn_after: {count: 12, period: hour}}
    tables:
      - name: orders
        identifier: ORDERS_V2
        freshness: null
        columns:
          - name: id
            data_tests: [not_null]
macros:
  - name: cents
    description: Converts to cents.
    arguments:
      - name: column
        type: string
exposures:
  - name: dashboard
    type: dashboard
    owner: {name: me}
unit_tests:
  - name: test_orders
    model: orders
semantic_models:
  - name: ignored
`;

describe("parsePropertiesFile", () => {
  it("normalises models, sources, macros and keeps exposures and unit tests raw, each located", () => {
    const { value, diagnostics } = parsePropertiesFile("models/schema.yml", SCHEMA);
    expect(diagnostics).toEqual([]);
    const p = value!;
    expect(p.version).toBe(2);
    expect(p.models[0]).toMatchObject({
      name: "orders",
      line: 3,
      col: 5,
      description: "One row per order.",
      access: "public",
      latest_version: 2,
      config: { materialized: "table" },
      meta: { owner: "sales" },
      tags: ["finance"],
      data_tests: [{ "dbt_utils.expression_is_true": { expression: "amount >= 0" } }],
      versions: [{ v: 2 }],
    });
    expect(p.models[0].columns[0]).toMatchObject({ name: "order_id", line: 13, col: 9, data_type: "integer", quote: true, data_tests: ["unique", "not_null"], constraints: [{ type: "primary_key" }], description: "" });
    expect(p.sources[0]).toMatchObject({ name: "raw", schema: "raw_data", database: null, loader: "fivetran", loaded_at_field: "_loaded_at", freshness: { warn_after: { count: 12, period: "hour" } } });
    expect(p.sources[0].tables[0]).toMatchObject({ name: "orders", identifier: "ORDERS_V2", freshness: null, line: 27, col: 9 });
    expect(p.sources[0].tables[0].columns[0].data_tests).toEqual(["not_null"]);
    expect(p.macros[0]).toMatchObject({ name: "cents", arguments: [{ name: "column", type: "string", description: "" }] });
    expect(p.exposures[0]).toMatchObject({ name: "dashboard", raw: { type: "dashboard", owner: { name: "me" } } });
    expect(p.unitTests[0]).toMatchObject({ name: "test_orders", line: 44, raw: { model: "orders" } });
  });

  it("reports a section that is not a list at its value", () => {
    const { value, diagnostics } = parsePropertiesFile("models/schema.yml", "version: 2\nmodels:\n  name: orders\n");
    expect(value!.models).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E060", severity: "error", file: "models/schema.yml", line: 3, col: 3 });
    expect(diagnostics[0].message).toContain("'models'");
  });

  it("reports and skips an entry without a name", () => {
    const { value, diagnostics } = parsePropertiesFile("s.yml", "models:\n  - name: a\n  - description: no name\n    columns: []\n");
    expect(value!.models.map((m) => m.name)).toEqual(["a"]);
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E060", line: 3, col: 5 });
    expect(diagnostics[0].message).toContain("Entry 2 of 'models'");
  });

  it("warns about unknown keys with a suggestion", () => {
    const { diagnostics } = parsePropertiesFile("s.yml", "models:\n  - name: a\n    descripton: typo\n    columns:\n      - name: id\n        test: [unique]\n");
    expect(diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([
      ["TSDBT-W060", 3, 5],
      ["TSDBT-W060", 6, 9],
    ]);
    expect(diagnostics[0].message).toContain("Did you mean 'description'?");
    expect(diagnostics[1].message).toContain("Did you mean 'tests'?");
  });

  it("reports tests and meta of the wrong shape", () => {
    const { diagnostics } = parsePropertiesFile("s.yml", "models:\n  - name: a\n    meta: [x]\n    columns:\n      - name: id\n        tests: unique\n");
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ["TSDBT-E060", 6],
      ["TSDBT-E060", 3],
    ]);
  });

  it("returns the YAML syntax error and no value for broken YAML, and an empty file for an empty one", () => {
    expect(parsePropertiesFile("s.yml", "models:\n  - name: [\n").diagnostics[0].code).toBe("TSDBT-E001");
    expect(parsePropertiesFile("s.yml", "").value!.models).toEqual([]);
  });
});
