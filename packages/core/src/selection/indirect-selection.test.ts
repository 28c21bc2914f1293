import { buildGraph } from "../graph/build-graph";
import { makeGenericTest, withEntries } from "../graph/__fixtures__/manifest-factory";
import { shopManifest } from "../graph/__fixtures__/shop-project";
import { selectNodes, type SelectionOptions } from "./select-nodes";

const manifest = shopManifest();
const graph = buildGraph(manifest);
const tests = (options: SelectionOptions): string[] =>
  selectNodes(manifest, graph, options)
    .filter((id) => id.startsWith("test."))
    .map((id) => id.slice("test.shop.".length));

describe("indirect selection of tests", () => {
  it("is eager by default: a test comes along when any node it tests is selected", () => {
    expect(tests({ select: ["orders"] })).toEqual(["relationships_orders_customers", "unique_orders_id"]);
    expect(tests({ select: ["stg_payments"] })).toEqual(["assert_positive_payments"]);
  });

  it("drops the tests of excluded nodes even in eager mode", () => {
    expect(tests({ select: ["orders"], exclude: ["customers"] })).toEqual(["unique_orders_id"]);
    expect(tests({ select: ["orders"], exclude: ["test_name:unique"] })).toEqual(["relationships_orders_customers"]);
  });

  it("cautious: only tests whose every parent is selected", () => {
    expect(tests({ select: ["orders"], indirectSelection: "cautious" })).toEqual(["unique_orders_id"]);
    expect(tests({ select: ["orders customers"], indirectSelection: "cautious" })).toEqual([
      "not_null_customers_id",
      "relationships_orders_customers",
      "unique_orders_id",
    ]);
    expect(tests({ select: ["orders", "customers"], indirectSelection: "cautious" })).toHaveLength(3);
  });

  it("cautious: tests of nodes chosen by an intersection come along when all their parents are in it", () => {
    expect(tests({ select: ["+customers,config.materialized:table"], indirectSelection: "cautious" })).toEqual([
      "not_null_customers_id",
      "relationships_orders_customers",
      "unique_orders_id",
    ]);
  });

  it("buildable: tests whose other parents are upstream of the selection", () => {
    expect(tests({ select: ["customers"], indirectSelection: "buildable" })).toEqual(["not_null_customers_id", "relationships_orders_customers"]);
    expect(tests({ select: ["customers"], indirectSelection: "cautious" })).toEqual(["not_null_customers_id"]);
    // customers is downstream of orders, not upstream: the relationships test stays out
    expect(tests({ select: ["orders"], indirectSelection: "buildable" })).toEqual(["unique_orders_id"]);
  });

  it("empty: no tests unless selected themselves", () => {
    expect(tests({ select: ["orders"], indirectSelection: "empty" })).toEqual([]);
    expect(tests({ select: ["orders test_type:singular"], indirectSelection: "empty" })).toEqual(["assert_positive_payments"]);
  });

  it("keeps indirectly selected tests out when --resource-type asks for models only", () => {
    expect(tests({ select: ["orders"], resourceTypes: ["model"] })).toEqual([]);
  });
});

describe("indirect selection across set operators", () => {
  // relationships_orders_customers tests orders and customers; customers is downstream of orders
  // and upstream of customer_country. Selecting orders alone holds the test back.
  it("buildable admits a held-back test once a union brings its other parent upstream", () => {
    expect(tests({ select: ["orders customer_country"], indirectSelection: "buildable" })).toEqual(["expression_is_true_customer_country_id", "relationships_orders_customers", "unique_orders_id"]);
  });

  it("cautious keeps it out: customers is upstream, not selected", () => {
    expect(tests({ select: ["orders customer_country"], indirectSelection: "cautious" })).toEqual(["expression_is_true_customer_country_id", "unique_orders_id"]);
  });

  it("buildable counts every source as buildable, even one upstream of nothing selected", () => {
    // a test on a model and on a source the model does not read
    const withSourceTest = withEntries(shopManifest(), [
      makeGenericTest("relationships", "model.utils.calendar", ["source.shop.raw.customers"]),
    ]);
    const select = (mode: SelectionOptions["indirectSelection"]) =>
      selectNodes(withSourceTest, buildGraph(withSourceTest), { select: ["calendar"], indirectSelection: mode }).filter((id) => id.startsWith("test."));
    expect(select("buildable")).toEqual(["test.shop.relationships_calendar_customers"]);
    expect(select("cautious")).toEqual([]);
  });
});
