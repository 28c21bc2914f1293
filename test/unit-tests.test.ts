/**
 * End-to-end: unit tests (YAML `unit_tests:`) on DuckDB through the Node API. Inputs as dict,
 * csv and sql rows for ref(), source() and `this`; overrides of vars, macros and
 * is_incremental; a failing test's readable diff; `build` running a model's unit tests before
 * the model (a failure skips it); `test --select test_type:unit`; a schema-valid manifest.
 */
import * as fs from "node:fs";
import { validateArtifact } from "./artifact-schemas";
import { makeProject, removeAllProjects, runApi, type FixtureProject } from "./helpers/fixture-project";

const FILES: Record<string, string | null> = {
  "models/customers.sql": null,
  "models/orders.sql": null,
  "models/customer_orders.sql": null,
  "seeds/raw_orders.csv": "id,customer_id,amount,status\n1,1,10.5,completed\n2,2,4,completed\n",
  "models/stg_orders.sql": "select id, customer_id, amount, status from {{ ref('raw_orders') }}\n",
  "macros/bonus.sql": "{% macro bonus() %}0{% endmacro %}\n",
  "models/customer_totals.sql": [
    "{{ config(materialized='incremental', unique_key='customer_id') }}",
    "select customer_id, sum(amount) as total, count(*) as n, '{{ var(\"currency\", \"EUR\") }}' as currency, {{ bonus() }} as bonus",
    "from {{ ref('stg_orders') }}",
    "where status = 'completed'",
    "{% if is_incremental() %}and customer_id > (select max(customer_id) from {{ this }}){% endif %}",
    "group by customer_id",
    "",
  ].join("\n"),
  "models/paid.sql": "select order_id, sum(amount) as paid from {{ source('shop', 'payments') }} group by order_id\n",
  "models/schema.yml": [
    "version: 2",
    "sources:",
    "  - name: shop",
    "    schema: main",
    "    tables: [{name: payments}]",
    "models:",
    "  - name: customers_unused",
    "unit_tests:",
    "  - name: sums_completed_orders",
    "    model: customer_totals",
    "    given:",
    "      - input: ref('stg_orders')",
    "        rows:",
    "          - {id: 1, customer_id: 1, amount: 10, status: completed}",
    "          - {id: 2, customer_id: 1, amount: 5, status: completed}",
    "          - {id: 3, customer_id: 2, amount: 7, status: returned}",
    "          - {id: 4, customer_id: 2, amount: 3, status: completed}",
    "    expect:",
    "      rows:",
    "        - {customer_id: 1, total: 15, n: 2}",
    "        - {customer_id: 2, total: 3, n: 1}",
    "  - name: wrong_expectation",
    "    model: customer_totals",
    "    given:",
    "      - input: ref('stg_orders')",
    "        rows:",
    "          - {id: 1, customer_id: 1, amount: 10, status: completed}",
    "          - {id: 4, customer_id: 2, amount: 3, status: completed}",
    "    expect:",
    "      rows:",
    "        - {customer_id: 1, total: 10}",
    "        - {customer_id: 2, total: 4}",
    "  - name: csv_and_overrides",
    "    model: customer_totals",
    "    overrides:",
    "      vars: {currency: USD}",
    "      macros: {bonus: 5}",
    "    given:",
    "      - input: ref('stg_orders')",
    "        format: csv",
    "        rows: |",
    "          id,customer_id,amount,status",
    "          1,7,2.5,completed",
    "    expect:",
    "      format: csv",
    "      rows: |",
    "        customer_id,total,currency,bonus",
    "        7,2.5,USD,5",
    "  - name: incremental_adds_new_customers_only",
    "    model: customer_totals",
    "    overrides:",
    "      macros: {is_incremental: true}",
    "    given:",
    "      - input: this",
    "        rows: [{customer_id: 1, total: 10, n: 1}]",
    "      - input: ref('stg_orders')",
    "        rows:",
    "          - {id: 1, customer_id: 1, amount: 10, status: completed}",
    "          - {id: 2, customer_id: 3, amount: 6, status: completed}",
    "    expect:",
    "      rows: [{customer_id: 3, total: 6}]",
    "  - name: source_input_as_sql",
    "    model: paid",
    "    given:",
    "      - input: source('shop', 'payments')",
    "        format: sql",
    "        rows: |",
    "          select 1 as order_id, 2.0 as amount union all select 1, 3.0 union all select 2, 1.0",
    "    expect:",
    "      rows: [{order_id: 1, paid: 5}, {order_id: 2, paid: 1}]",
    "",
  ].join("\n"),
};

describe("unit tests (DuckDB)", () => {
  let project: FixtureProject;
  let build: Awaited<ReturnType<typeof runApi>>;
  let results: { unique_id: string; status: string; failures: number | null; message: string | null }[];
  const byId = (id: string) => results.find((r) => r.unique_id === id);

  beforeAll(async () => {
    project = makeProject(FILES);
    build = await runApi(["build", "--exclude", "paid"], { project });
    results = JSON.parse(fs.readFileSync(project.file("target/run_results.json"), "utf8")).results;
  }, 60_000);
  afterAll(() => removeAllProjects());

  it("passes unit tests whose expected rows the model returns (dict, csv, overrides, is_incremental, this)", () => {
    expect(byId("unit_test.fixture.customer_totals.sums_completed_orders")).toMatchObject({ status: "pass", failures: 0 });
    expect(byId("unit_test.fixture.customer_totals.csv_and_overrides")).toMatchObject({ status: "pass", failures: 0 });
    expect(byId("unit_test.fixture.customer_totals.incremental_adds_new_customers_only")).toMatchObject({ status: "pass", failures: 0 });
  });

  it("fails a unit test with a readable diff of expected and actual rows", () => {
    const failed = byId("unit_test.fixture.customer_totals.wrong_expectation")!;
    expect(failed.status).toBe("fail");
    expect(failed.failures).toBe(2);
    expect(failed.message).toBe(
      [
        "actual differs from expected: 1 expected row missing, 1 unexpected row (+ expected, - actual)",
        "    | customer_id | total |",
        "  - | 2           | 3     |",
        "  + | 2           | 4     |",
      ].join("\n"),
    );
    expect(build.output).toMatch(/FAIL 2 customer_totals::wrong_expectation \.+ \[FAIL 2 in/);
    expect(build.output).toMatch(/Failure in unit_test \S*wrong_expectation \(models\/[^)]+\)\n.*  actual differs from expected/);
    expect(build.exitCode).toBe(1);
  });

  it("runs a model's unit tests before building it in `build`, and skips the model when one fails", () => {
    const order = results.map((r) => r.unique_id);
    expect(order.indexOf("unit_test.fixture.customer_totals.sums_completed_orders")).toBeGreaterThan(order.indexOf("model.fixture.stg_orders"));
    expect(byId("model.fixture.customer_totals")).toMatchObject({ status: "skipped" });
    expect(byId("model.fixture.stg_orders")).toMatchObject({ status: "success" });
  });

  it("runs only unit tests with `test --select test_type:unit`, source inputs given as sql", async () => {
    const run = await runApi(["test", "--select", "test_type:unit"], { project });
    const ids = (JSON.parse(fs.readFileSync(project.file("target/run_results.json"), "utf8")).results as { unique_id: string; status: string }[]).map((r) => `${r.unique_id} ${r.status}`).sort();
    expect(ids).toEqual([
      "unit_test.fixture.customer_totals.csv_and_overrides pass",
      "unit_test.fixture.customer_totals.incremental_adds_new_customers_only pass",
      "unit_test.fixture.customer_totals.sums_completed_orders pass",
      "unit_test.fixture.customer_totals.wrong_expectation fail",
      "unit_test.fixture.paid.source_input_as_sql pass",
    ]);
    expect(run.output).toContain("Done. PASS=4 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=5");
  });

  it("leaves the SQL each unit test ran where dbt-core does: target/run/<project>/<properties file>/<its folder>/<test>.sql", () => {
    // dbt-core 1.10 (observed): target/run/probe/models/schema.yml/models/ut_seed.sql, one file per unit test
    for (const name of ["sums_completed_orders", "wrong_expectation", "csv_and_overrides"]) {
      expect(fs.readFileSync(project.file(`target/run/fixture/models/schema.yml/models/${name}.sql`), "utf8")).toMatch(/select/i);
    }
  });

  it("writes unit tests into a manifest that dbt's schema accepts", () => {
    const manifest = JSON.parse(fs.readFileSync(project.file("target/manifest.json"), "utf8"));
    expect(validateArtifact("manifest-v12.json", manifest)).toEqual([]);
    expect(manifest.unit_tests["unit_test.fixture.customer_totals.csv_and_overrides"]).toMatchObject({
      model: "customer_totals",
      resource_type: "unit_test",
      overrides: { vars: { currency: "USD" }, macros: { bonus: 5 } },
      depends_on: { nodes: ["model.fixture.customer_totals"] },
      given: [{ input: "ref('stg_orders')", format: "csv" }],
    });
  });

  it("reports a unit test of an unknown model at parse, with a suggestion", async () => {
    const broken = makeProject({ ...FILES, "models/paid.sql": null, "models/schema.yml": "version: 2\nunit_tests:\n  - name: t\n    model: customer_total\n    given: []\n    expect: {rows: []}\n" });
    const run = await runApi(["parse"], { project: broken });
    expect(run.exitCode).toBe(2);
    expect(run.diagnostics).toEqual([expect.objectContaining({ code: "TSDBT-E511", file: "models/schema.yml", line: 4, hint: "Did you mean 'customer_totals'?" })]);
  });

  it("gives a seed input written without rows the seed file's rows, as dbt does", async () => {
    const seeded = makeProject({
      ...FILES,
      "models/paid.sql": null,
      "models/schema.yml": "version: 2\nunit_tests:\n  - name: t\n    model: stg_orders\n    given:\n      - input: ref('raw_orders')\n    expect:\n      rows: [{id: 1, amount: 10.5}, {id: 2, amount: 4}]\n",
    });
    const run = await runApi(["test", "--select", "test_type:unit"], { project: seeded });
    expect(run.exitCode).toBe(0);
    const [result] = JSON.parse(fs.readFileSync(seeded.file("target/run_results.json"), "utf8")).results;
    expect(result).toMatchObject({ status: "pass", unique_id: "unit_test.fixture.stg_orders.t" });
  });

  it("errors (not fails) a unit test that leaves one of the model's inputs out", async () => {
    const partial = makeProject({ ...FILES, "models/paid.sql": null, "models/schema.yml": "version: 2\nunit_tests:\n  - name: t\n    model: stg_orders\n    given: []\n    expect: {rows: [{id: 1}]}\n" });
    const run = await runApi(["test", "--select", "test_type:unit"], { project: partial });
    expect(run.exitCode).toBe(1);
    const [result] = JSON.parse(fs.readFileSync(partial.file("target/run_results.json"), "utf8")).results;
    expect(result).toMatchObject({ status: "error", unique_id: "unit_test.fixture.stg_orders.t" });
    expect(result.message).toContain("TSDBT-E513");
    expect(result.message).toContain("model stg_orders reads ref('raw_orders'), which has no input under 'given'");
  });
});
