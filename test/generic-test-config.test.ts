/**
 * A generic test macro's own config() call (dbt_utils' equal_rowcount sets `fail_calc`) decides
 * the verdict, as dbt-core captures it when it parses the test; the test's YAML config still wins.
 */
import * as fs from "node:fs";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

const SAME_ROWS = [
  "{% test same_rows(model, compare_model) %}",
  "{{ config(fail_calc = 'sum(coalesce(diff_count, 0))') }}",
  "select abs((select count(*) from {{ model }}) - (select count(*) from {{ compare_model }})) as diff_count",
  "{% endtest %}",
  "",
].join("\n");

describe("a generic test macro's config() call", () => {
  it("sets fail_calc for its tests, unless the test's own YAML config sets it", async () => {
    const p = makeProject({
      "macros/same_rows.sql": SAME_ROWS,
      "models/twins.yml": [
        "version: 2",
        "models:",
        "  - name: customer_orders",
        "    data_tests:",
        "      - same_rows:",
        "          compare_model: ref('orders')",
        "      - same_rows:",
        "          name: counted_rows",
        "          compare_model: ref('orders')",
        "          config:",
        "            fail_calc: count(*)",
        "",
      ].join("\n"),
    });
    const r = await runApi(["build"], { project: p });
    expect(r.stdout).toContain("Done.");
    const results = JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")).results as { unique_id: string; status: string; failures: number | null }[];
    const byName = (name: string) => results.find((x) => x.unique_id.startsWith(`test.fixture.${name}`));
    // one customer row and one order: the difference is 0, so sum(diff_count) passes where count(*) sees one row
    expect(byName("same_rows_customer_orders_ref_orders_")).toMatchObject({ status: "pass", failures: 0 });
    expect(byName("counted_rows")).toMatchObject({ status: "fail", failures: 1 });
    expect(r.exitCode).toBe(1);
  });
});
