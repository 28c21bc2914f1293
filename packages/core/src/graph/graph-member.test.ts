import { buildGraph } from "./build-graph";
import { collectMembers, dependenciesOf } from "./graph-member";
import { dependsOn, emptyManifest, makeExposure, makeNode, makeSource, withEntries } from "./__fixtures__/manifest-factory";

/** A loosely typed manifest entry (metric, semantic model, saved query, unit test) depending on `nodes`. */
const loose = (uniqueId: string, resourceType: string, nodes: string[]): Record<string, unknown> => ({
  unique_id: uniqueId,
  resource_type: resourceType,
  package_name: "shop",
  name: uniqueId.split(".").pop(),
  path: "schema.yml",
  original_file_path: "models/schema.yml",
  fqn: ["shop", uniqueId.split(".").pop()],
  depends_on: { macros: [], nodes },
});

function projectWithEveryKind() {
  const manifest = withEntries(emptyManifest(), [
    makeSource("raw", "orders"),
    makeNode("orders", { depends_on: dependsOn("source.shop.raw.orders") }),
    makeNode("old_orders", { config: { enabled: false }, depends_on: dependsOn("model.shop.orders") }),
    makeExposure("dashboard", ["model.shop.orders"]),
  ]);
  manifest.semantic_models["semantic_model.shop.orders_sm"] = loose("semantic_model.shop.orders_sm", "semantic_model", ["model.shop.orders"]);
  manifest.metrics["metric.shop.revenue"] = loose("metric.shop.revenue", "metric", ["semantic_model.shop.orders_sm"]);
  manifest.saved_queries["saved_query.shop.weekly"] = loose("saved_query.shop.weekly", "saved_query", ["metric.shop.revenue"]);
  // the manifest records unit tests without a resource type the graph can rely on
  manifest.unit_tests["unit_test.shop.orders.test_totals"] = loose("unit_test.shop.orders.test_totals", "", ["model.shop.orders"]);
  manifest.metrics["metric.shop.broken"] = { unique_id: "metric.shop.broken", depends_on: {} };
  manifest.unit_tests["unit_test.shop.orders.no_deps"] = { unique_id: "unit_test.shop.orders.no_deps" };
  manifest.saved_queries["saved_query.shop.nothing"] = null;
  manifest.semantic_models["semantic_model.shop.anonymous"] = { depends_on: { nodes: [] } };
  return manifest;
}

describe("collectMembers", () => {
  const members = collectMembers(projectWithEveryKind());

  it("takes enabled nodes, sources, exposures, semantic models, metrics, saved queries and unit tests", () => {
    expect([...members.keys()].sort()).toEqual([
      "exposure.shop.dashboard",
      "metric.shop.revenue",
      "model.shop.orders",
      "saved_query.shop.weekly",
      "semantic_model.shop.orders_sm",
      "source.shop.raw.orders",
      "unit_test.shop.orders.test_totals",
    ]);
  });

  it("marks unit tests as such so selection can tell them apart", () => {
    expect(members.get("unit_test.shop.orders.test_totals")?.resource_type).toBe("unit_test");
    expect(members.get("metric.shop.revenue")?.resource_type).toBe("metric");
  });

  it("gives each member's parents, and none for a source", () => {
    expect(dependenciesOf(members.get("source.shop.raw.orders")!)).toEqual([]);
    expect(dependenciesOf(members.get("metric.shop.revenue")!)).toEqual(["semantic_model.shop.orders_sm"]);
  });
});

describe("the graph over every kind of member", () => {
  const graph = buildGraph(projectWithEveryKind());

  it("puts exposures, the semantic layer and unit tests downstream of the model they use", () => {
    expect(graph.children("model.shop.orders")).toEqual([
      "exposure.shop.dashboard",
      "semantic_model.shop.orders_sm",
      "unit_test.shop.orders.test_totals",
    ]);
    expect([...graph.descendants("model.shop.orders")].sort()).toEqual([
      "exposure.shop.dashboard",
      "metric.shop.revenue",
      "saved_query.shop.weekly",
      "semantic_model.shop.orders_sm",
      "unit_test.shop.orders.test_totals",
    ]);
  });

  it("leaves a disabled model out, with its edges", () => {
    expect(graph.has("model.shop.old_orders")).toBe(false);
    expect(graph.member("model.shop.orders")?.name).toBe("orders");
    expect(graph.member("model.shop.old_orders")).toBeUndefined();
  });

  it("orders the semantic layer after the models it reads", () => {
    expect(graph.topologicalOrder()).toEqual([
      "source.shop.raw.orders",
      "model.shop.orders",
      "exposure.shop.dashboard",
      "semantic_model.shop.orders_sm",
      "metric.shop.revenue",
      "saved_query.shop.weekly",
      "unit_test.shop.orders.test_totals",
    ]);
  });
});
