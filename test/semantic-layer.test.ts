/**
 * Semantic models, metrics, saved queries and exposures in manifest.json, and `ls` over every
 * resource type. Expected values are what dbt-core 1.10.23 printed for the same project.
 */
import * as fs from "node:fs";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";
import { validateArtifact } from "./artifact-schemas";

afterAll(() => removeAllProjects());

/** Added to the fixture project: a source, an analysis, a time spine and a semantic layer over `orders`. */
const FILES: Record<string, string> = {
  "models/staging/stg_orders.sql": "select * from {{ source('shop', 'raw_orders') }}\n",
  "models/staging/sources.yml": [
    "version: 2",
    "sources:",
    "  - name: shop",
    "    tables:",
    "      - name: raw_orders",
    "        columns:",
    "          - name: id",
    "            data_tests:",
    "              - unique",
    "              - accepted_values:",
    "                  arguments:",
    "                    values: [1, 2]",
    "",
  ].join("\n"),
  "models/marts/metricflow_time_spine.sql": "select current_date as date_day\n",
  "analyses/report.sql": "select * from {{ ref('orders') }}\n",
  "models/marts/semantic.yml": [
    "version: 2",
    "models:",
    "  - name: metricflow_time_spine",
    "    time_spine:",
    "      standard_granularity_column: date_day",
    "    columns:",
    "      - name: date_day",
    "        granularity: day",
    "semantic_models:",
    "  - name: orders",
    "    model: ref('orders')",
    "    defaults:",
    "      agg_time_dimension: ordered_at",
    "    entities:",
    "      - name: order",
    "        type: primary",
    "        expr: order_id",
    "      - name: customer",
    "        type: foreign",
    "        expr: customer_id",
    "    dimensions:",
    "      - name: ordered_at",
    "        type: time",
    "        expr: current_date",
    "        type_params:",
    "          time_granularity: day",
    "    measures:",
    "      - name: order_count",
    "        agg: count",
    "        expr: order_id",
    "      - name: customers_with_orders",
    "        agg: count_distinct",
    "        expr: customer_id",
    "        create_metric: true",
    "metrics:",
    "  - name: orders",
    "    label: Orders",
    "    type: simple",
    "    type_params:",
    "      measure: order_count",
    "  - name: big_orders",
    "    label: Big orders",
    "    type: simple",
    "    type_params:",
    "      measure: order_count",
    "    filter: \"{{ Dimension('order__ordered_at') }} > '2020-01-01'\"",
    "  - name: orders_per_customer",
    "    label: Orders per customer",
    "    type: ratio",
    "    type_params:",
    "      numerator: orders",
    "      denominator: customers_with_orders",
    "  - name: orders_growth",
    "    label: Growth",
    "    type: derived",
    "    type_params:",
    "      expr: orders - orders_last_week",
    "      metrics:",
    "        - orders",
    "        - name: orders",
    "          offset_window: 7 days",
    "          alias: orders_last_week",
    "saved_queries:",
    "  - name: weekly_orders",
    "    query_params:",
    "      metrics: [orders, orders_per_customer]",
    "      group_by: [\"TimeDimension('metric_time', 'week')\"]",
    "    exports:",
    "      - name: weekly_orders",
    "        config:",
    "          export_as: view",
    "exposures:",
    "  - name: orders_dashboard",
    "    type: dashboard",
    "    owner:",
    "      name: Ann",
    "    depends_on:",
    "      - ref('customer_orders')",
    "      - metric('orders')",
    "      - source('shop', 'raw_orders')",
    "",
  ].join("\n"),
};

const bar = (s: string) => s.split("\n").filter(Boolean);

describe("semantic layer and exposures (dbt-core 1.10.23 oracle)", () => {
  it("parses into manifest.json with dbt's ids, fqn and dependencies, valid against the v12 schema", async () => {
    const p = makeProject(FILES);
    const r = await runApi(["parse", "--no-partial-parse"], { project: p });
    expect(r.exitCode).toBe(0);
    const m = JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8"));
    expect(validateArtifact("manifest-v12.json", m)).toEqual([]);
    const deps = (section: Record<string, { depends_on: { nodes: string[] } }>) => Object.fromEntries(Object.entries(section).map(([id, v]) => [id, v.depends_on.nodes]));
    expect(deps(m.semantic_models)).toEqual({ "semantic_model.fixture.orders": ["model.fixture.orders"] });
    expect(deps(m.metrics)).toEqual({
      "metric.fixture.orders": ["semantic_model.fixture.orders"],
      "metric.fixture.big_orders": ["semantic_model.fixture.orders"],
      "metric.fixture.orders_per_customer": ["metric.fixture.orders", "metric.fixture.customers_with_orders"],
      "metric.fixture.orders_growth": ["metric.fixture.orders"],
      "metric.fixture.customers_with_orders": ["semantic_model.fixture.orders"],
    });
    expect(deps(m.saved_queries)).toEqual({ "saved_query.fixture.weekly_orders": ["metric.fixture.orders", "metric.fixture.orders_per_customer"] });
    expect(deps(m.exposures)).toEqual({ "exposure.fixture.orders_dashboard": ["source.fixture.shop.raw_orders", "model.fixture.customer_orders", "metric.fixture.orders"] });
    expect(m.metrics["metric.fixture.orders_per_customer"].type_params.input_measures.map((x: { name: string }) => x.name)).toEqual(["order_count", "customers_with_orders"]);
    expect(m.metrics["metric.fixture.orders_growth"].type_params.metrics).toEqual([
      { name: "orders", filter: null, alias: null, offset_window: null, offset_to_grain: null },
      { name: "orders", filter: null, alias: "orders_last_week", offset_window: { count: 7, granularity: "day" }, offset_to_grain: null },
    ]);
    expect(m.metrics["metric.fixture.big_orders"].filter).toEqual({ where_filters: [{ where_sql_template: "{{ Dimension('order__ordered_at') }} > '2020-01-01'" }] });
    const created = m.metrics["metric.fixture.customers_with_orders"];
    expect([created.label, created.description, created.type_params.expr]).toEqual(["customers_with_orders", "Metric created from measure customers_with_orders", "customers_with_orders"]);
    expect(m.semantic_models["semantic_model.fixture.orders"].fqn).toEqual(["fixture", "marts", "orders"]);
    expect(m.semantic_models["semantic_model.fixture.orders"].node_relation.alias).toBe("orders");
    expect(m.saved_queries["saved_query.fixture.weekly_orders"].exports[0].unrendered_config).toEqual({ export_as: "view" });
    expect(m.nodes["analysis.fixture.report"].fqn).toEqual(["fixture", "analysis", "report"]);
    expect(m.child_map["metric.fixture.orders"]).toEqual(["exposure.fixture.orders_dashboard", "metric.fixture.orders_growth", "metric.fixture.orders_per_customer", "saved_query.fixture.weekly_orders"]);
  });

  it("ls lists every resource type as dbt does", async () => {
    const p = makeProject(FILES);
    const ls = async (...args: string[]) => bar((await runApi(["-q", "ls", ...args], { project: p })).stdout);
    expect(await ls()).toEqual(bar("exposure:fixture.orders_dashboard|metric:fixture.big_orders|metric:fixture.customers_with_orders|metric:fixture.orders|metric:fixture.orders_growth|metric:fixture.orders_per_customer|fixture.customer_orders|fixture.customers|fixture.marts.metricflow_time_spine|fixture.orders|fixture.staging.stg_orders|saved_query:fixture.weekly_orders|semantic_model:fixture.orders|source:fixture.shop.raw_orders|fixture.not_null_customers_id|fixture.staging.source_accepted_values_shop_raw_orders_id__1__2|fixture.staging.source_unique_shop_raw_orders_id|fixture.unique_customers_id".replace(/\|/g, "\n")));
    expect(await ls("--output", "name", "--resource-type", "all")).toEqual(bar("report|orders_dashboard|big_orders|customers_with_orders|orders|orders_growth|orders_per_customer|customer_orders|customers|metricflow_time_spine|orders|stg_orders|weekly_orders|orders|shop.raw_orders|not_null_customers_id|source_accepted_values_shop_raw_orders_id__1__2|source_unique_shop_raw_orders_id|unique_customers_id".replace(/\|/g, "\n")));
    expect(await ls("-s", "+metric:orders_per_customer")).toEqual(["metric:fixture.customers_with_orders", "metric:fixture.orders", "metric:fixture.orders_per_customer", "fixture.orders", "semantic_model:fixture.orders"]);
    expect(await ls("-m", "orders+")).toEqual(["fixture.customer_orders", "fixture.orders"]);
    expect(await ls("-s", "@metric:orders")).toEqual(bar("exposure:fixture.orders_dashboard|metric:fixture.customers_with_orders|metric:fixture.orders|metric:fixture.orders_growth|metric:fixture.orders_per_customer|fixture.customer_orders|fixture.customers|fixture.orders|saved_query:fixture.weekly_orders|semantic_model:fixture.orders|source:fixture.shop.raw_orders|fixture.not_null_customers_id|fixture.staging.source_accepted_values_shop_raw_orders_id__1__2|fixture.staging.source_unique_shop_raw_orders_id|fixture.unique_customers_id".replace(/\|/g, "\n")));
    expect(await ls("--output", "json", "-s", "source:*", "--output-keys", "unique_id", "name", "source_name")).toEqual([
      '{"name": "raw_orders", "unique_id": "source.fixture.shop.raw_orders", "source_name": "shop"}',
      '{"name": "source_accepted_values_shop_raw_orders_id__1__2", "unique_id": "test.fixture.source_accepted_values_shop_raw_orders_id__1__2.97e4de80f0"}',
      '{"name": "source_unique_shop_raw_orders_id", "unique_id": "test.fixture.source_unique_shop_raw_orders_id.3da9a06ff8"}',
    ]);
    expect(await ls("--output", "json", "-s", "semantic_model:orders")).toEqual([
      '{"name": "orders", "resource_type": "semantic_model", "package_name": "fixture", "original_file_path": "models/marts/semantic.yml", "unique_id": "semantic_model.fixture.orders", "depends_on": {"macros": [], "nodes": ["model.fixture.orders"]}, "config": {"enabled": true, "group": null, "meta": {}}}',
    ]);
  });

  it("ls refuses --models together with --select or --resource-type, as dbt does", async () => {
    const p = makeProject(FILES);
    expect((await runApi(["ls", "-m", "orders", "-s", "customers"], { project: p })).exitCode).toBe(2);
    expect((await runApi(["ls", "-m", "orders", "--resource-type", "model"], { project: p })).exitCode).toBe(2);
  });
});
