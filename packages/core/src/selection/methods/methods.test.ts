import { buildGraph } from "../../graph/build-graph";
import { dependsOn, makeNode, withEntries } from "../../graph/__fixtures__/manifest-factory";
import { shopManifest } from "../../graph/__fixtures__/shop-project";
import { selectNodes } from "../select-nodes";
import { METHOD_NAMES } from "./method-names";
import { SELECTOR_METHODS } from "./method-registry";

const manifest = withEntries(shopManifest(), [
  makeNode("dim_customers_v1", { path: "marts/dim_customers_v1.sql", version: 1, latest_version: 2, fqn: ["shop", "marts", "dim_customers", "v1"], name: "dim_customers" }),
  makeNode("dim_customers_v2", { path: "marts/dim_customers_v2.sql", version: 2, latest_version: 2, fqn: ["shop", "marts", "dim_customers", "v2"], name: "dim_customers" }),
  makeNode("dim_customers_v3", { path: "marts/dim_customers_v3.sql", version: 3, latest_version: 2, fqn: ["shop", "marts", "dim_customers", "v3"], name: "dim_customers" }),
  makeNode("legacy", { path: "legacy.sql", config: { enabled: true, tags: [], meta: { owner: "ops" }, full_refresh: false, partition_by: ["day", "region"] }, depends_on: dependsOn() }),
]);
const graph = buildGraph(manifest);
const select = (spec: string): string[] => selectNodes(manifest, graph, { select: [spec], indirectSelection: "empty" });

describe("selector methods", () => {
  it("has an implementation for every method name except selector", () => {
    expect(METHOD_NAMES.filter((name) => name !== "selector" && !SELECTOR_METHODS[name])).toEqual([]);
  });

  it("fqn: by name, dotted fqn with or without the package, folder, and wildcards", () => {
    expect(select("fqn:stg_orders")).toEqual(["model.shop.stg_orders"]);
    expect(select("shop.staging.stg_orders")).toEqual(["model.shop.stg_orders"]);
    expect(select("staging")).toEqual(["model.shop.stg_customers", "model.shop.stg_orders", "model.shop.stg_payments"]);
    expect(select("shop.staging.*")).toHaveLength(3);
    expect(select("stg_*")).toHaveLength(3);
    expect(select("stg_?rders")).toEqual(["model.shop.stg_orders"]);
    expect(select("utils")).toEqual(["model.utils.calendar"]);
    expect(select("fqn:*")).not.toContain("source.shop.raw.orders");
  });

  it("fqn: selects every version of a versioned model, or one with name.version", () => {
    expect(select("dim_customers")).toEqual(["model.shop.dim_customers_v1", "model.shop.dim_customers_v2", "model.shop.dim_customers_v3"]);
    expect(select("dim_customers.v2")).toEqual(["model.shop.dim_customers_v2"]);
  });

  it("tag: matches any tag, with wildcards", () => {
    expect(select("tag:nightly")).toEqual(["model.shop.stg_orders"]);
    expect(select("tag:fin*")).toEqual(["model.shop.orders", "model.shop.stg_payments"]);
    expect(select("tag:pii")).toEqual(["source.shop.raw.customers"]);
  });

  it("path: matches a folder, a file, or a glob; a value with a slash defaults to path", () => {
    expect(select("path:models/marts/orders.sql")).toEqual(["model.shop.orders"]);
    expect(select("models/staging")).toEqual(["model.shop.stg_customers", "model.shop.stg_orders", "model.shop.stg_payments"]);
    expect(select("path:models/staging/")).toHaveLength(3);
    expect(select("path:models/*/stg_p*.sql")).toEqual(["model.shop.stg_payments"]);
    expect(select("path:seeds")).toEqual(["seed.shop.country_codes"]);
    expect(select("path:models/sources.yml")).toEqual(["source.shop.raw.customers", "source.shop.raw.orders", "source.shop.raw.payments"]);
  });

  it("file: matches a file name with or without extension; a .sql value defaults to file", () => {
    expect(select("file:orders.sql")).toEqual(["model.shop.orders"]);
    expect(select("file:stg_orders")).toEqual(["model.shop.stg_orders"]);
    expect(select("customers.sql")).toEqual(["model.shop.customers"]);
    expect(select("country_codes.csv")).toEqual(["seed.shop.country_codes"]);
  });

  it("source: by source, source.table, or package.source.table", () => {
    expect(select("source:raw")).toEqual(["source.shop.raw.customers", "source.shop.raw.orders", "source.shop.raw.payments"]);
    expect(select("source:raw.orders")).toEqual(["source.shop.raw.orders"]);
    expect(select("source:shop.raw.pay*")).toEqual(["source.shop.raw.payments"]);
    expect(select("source:raw.orders+1")).toEqual(["model.shop.stg_orders", "source.shop.raw.orders"]);
    expect(() => select("source:a.b.c.d")).toThrow(/at most three/);
  });

  it("exposure: by name; +exposure: selects everything it depends on", () => {
    expect(select("exposure:weekly_dashboard")).toEqual(["exposure.shop.weekly_dashboard"]);
    expect(select("+exposure:shop.weekly_dashboard")).toContain("source.shop.raw.payments");
  });

  it("resource_type: by type, rejecting unknown types", () => {
    expect(select("resource_type:snapshot")).toEqual(["snapshot.shop.orders_snapshot"]);
    expect(select("resource_type:exposure")).toEqual(["exposure.shop.weekly_dashboard"]);
    expect(() => select("resource_type:modle")).toThrow(/TSDBT-E021/);
  });

  it("package: by package name, with 'this' for the root project", () => {
    expect(select("package:utils")).toEqual(["model.utils.calendar"]);
    expect(select("package:this")).not.toContain("model.utils.calendar");
    expect(select("package:this")).toContain("model.shop.orders");
  });

  it("config.*: strings, nested keys, list elements, booleans as strings", () => {
    expect(select("config.materialized:table")).toEqual(["model.shop.customers", "model.shop.orders"]);
    expect(select("config.materialized:incremental")).toEqual(["model.shop.customer_country"]);
    expect(select("config.meta.owner:ops")).toEqual(["model.shop.legacy"]);
    expect(select("config.partition_by:region")).toEqual(["model.shop.legacy"]);
    expect(select("config.tags:nightly")).toEqual(["model.shop.stg_orders"]);
    expect(select("config.full_refresh:false")).toEqual(["model.shop.legacy"]);
    expect(select("config.contract.enforced:true")).toEqual(["model.shop.customers"]);
    expect(select("config.persist_docs.relation:True")).toEqual(["model.shop.orders"]);
  });

  it("test_type: generic, singular, and their legacy names", () => {
    expect(select("test_type:singular")).toEqual(["test.shop.assert_positive_payments"]);
    expect(select("test_type:data")).toEqual(select("test_type:singular"));
    expect(select("test_type:generic")).toHaveLength(4);
    expect(select("test_type:schema")).toEqual(select("test_type:generic"));
    expect(() => select("test_type:integration")).toThrow(/generic, schema, singular, data, unit/);
  });

  it("test_type:unit and unit_test: select unit tests", () => {
    const withUnit = shopManifest();
    withUnit.unit_tests["unit_test.shop.orders.test_totals"] = {
      unique_id: "unit_test.shop.orders.test_totals",
      resource_type: "unit_test",
      package_name: "shop",
      name: "test_totals",
      path: "marts/_unit.yml",
      original_file_path: "models/marts/_unit.yml",
      fqn: ["shop", "marts", "orders", "test_totals"],
      depends_on: { macros: [], nodes: ["model.shop.orders"] },
      model: "orders",
    };
    const unitGraph = buildGraph(withUnit);
    const run = (spec: string) => selectNodes(withUnit, unitGraph, { select: [spec] });
    expect(run("test_type:unit")).toEqual(["unit_test.shop.orders.test_totals"]);
    expect(run("unit_test:test_totals")).toEqual(["unit_test.shop.orders.test_totals"]);
    expect(run("orders")).toContain("unit_test.shop.orders.test_totals");
  });

  it("test_name: by generic test name, with or without namespace", () => {
    expect(select("test_name:unique")).toEqual(["test.shop.unique_orders_id"]);
    expect(select("test_name:dbt_utils.expression_is_true")).toEqual(["test.shop.expression_is_true_customer_country_id"]);
    expect(select("test_name:expression_is_true")).toEqual(["test.shop.expression_is_true_customer_country_id"]);
  });

  it("group:, access: and version:", () => {
    expect(select("group:finance")).toEqual(["model.shop.orders"]);
    expect(select("access:public")).toEqual(["model.shop.orders"]);
    expect(select("access:protected")).toContain("model.shop.customers");
    expect(() => select("access:secret")).toThrow(/public, protected, private/);
    expect(select("version:latest")).toEqual(["model.shop.dim_customers_v2"]);
    expect(select("version:old")).toEqual(["model.shop.dim_customers_v1"]);
    expect(select("version:prerelease")).toEqual(["model.shop.dim_customers_v3"]);
    expect(select("version:none")).toContain("model.shop.orders");
  });

  it("metric:, semantic_model: and saved_query: match nothing; result: is refused", () => {
    expect(select("metric:revenue")).toEqual([]);
    expect(() => select("result:error")).toThrow(/previous run/);
  });
});
