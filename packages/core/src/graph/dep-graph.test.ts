import { DiagnosticError } from "../diagnostics/diagnostic";
import { buildGraph } from "./build-graph";
import { dependsOn, emptyManifest, makeNode, withEntries } from "./__fixtures__/manifest-factory";
import { shopManifest } from "./__fixtures__/shop-project";

const sorted = (ids: Iterable<string>): string[] => [...ids].sort();

describe("buildGraph", () => {
  const graph = buildGraph(shopManifest());

  it("holds nodes, sources and exposures, with tests hanging off what they test", () => {
    expect(graph.has("source.shop.raw.orders")).toBe(true);
    expect(graph.has("exposure.shop.weekly_dashboard")).toBe(true);
    expect(graph.parents("model.shop.orders")).toEqual(["model.shop.stg_orders", "model.shop.stg_payments"]);
    expect(graph.children("model.shop.orders")).toEqual([
      "exposure.shop.weekly_dashboard",
      "model.shop.customers",
      "test.shop.relationships_orders_customers",
      "test.shop.unique_orders_id",
    ]);
    expect(graph.parents("source.shop.raw.orders")).toEqual([]);
  });

  it("ignores dependencies on ids that are not in the manifest", () => {
    const manifest = withEntries(emptyManifest(), [makeNode("a", { depends_on: dependsOn("model.shop.missing") })]);
    expect(buildGraph(manifest).parents("model.shop.a")).toEqual([]);
  });

  it("finds ancestors and descendants, optionally limited by depth", () => {
    expect(sorted(graph.ancestors("model.shop.customers", 1))).toEqual(["model.shop.orders", "model.shop.stg_customers"]);
    expect(sorted(graph.ancestors("model.shop.customers"))).toEqual([
      "model.shop.orders",
      "model.shop.stg_customers",
      "model.shop.stg_orders",
      "model.shop.stg_payments",
      "source.shop.raw.customers",
      "source.shop.raw.orders",
      "source.shop.raw.payments",
    ]);
    expect(sorted(graph.descendants("model.shop.stg_orders", 2))).toEqual([
      "exposure.shop.weekly_dashboard",
      "model.shop.customers",
      "model.shop.orders",
      "snapshot.shop.orders_snapshot",
      "test.shop.relationships_orders_customers",
      "test.shop.unique_orders_id",
    ]);
    expect(graph.descendants("model.shop.stg_orders", 0).size).toBe(0);
  });

  it("includes a start node only when it is upstream of another start", () => {
    const result = graph.ancestors(["model.shop.orders", "model.shop.stg_orders"]);
    expect(result.has("model.shop.stg_orders")).toBe(true);
    expect(result.has("model.shop.orders")).toBe(false);
  });

  it("orders all vertices topologically with ties broken by unique id", () => {
    const order = graph.topologicalOrder();
    expect(order).toHaveLength(graph.ids().length);
    const position = new Map(order.map((id, index) => [id, index]));
    for (const id of order) {
      for (const parent of graph.parents(id)) expect(position.get(parent)).toBeLessThan(position.get(id) as number);
    }
    expect(order.slice(0, 5)).toEqual([
      "model.utils.calendar",
      "seed.shop.country_codes",
      "source.shop.raw.customers",
      "model.shop.stg_customers",
      "source.shop.raw.orders",
    ]);
  });

  it("orders a subset through dependencies that run outside it", () => {
    const order = graph.topologicalOrder(["model.utils.calendar", "model.shop.customer_country", "model.shop.stg_orders"]);
    expect(order).toEqual(["model.shop.stg_orders", "model.shop.customer_country", "model.utils.calendar"]);
  });

  it("converts to a graphlib graph with edges from parent to child", () => {
    const graphlib = graph.toGraphlib();
    expect(graphlib.nodeCount()).toBe(graph.ids().length);
    expect(graphlib.hasEdge("model.shop.orders", "model.shop.customers")).toBe(true);
    expect(graphlib.hasEdge("model.shop.customers", "model.shop.orders")).toBe(false);
  });

  it("writes parent_map and child_map for every vertex", () => {
    const maps = graph.toParentChildMaps();
    expect(maps.parent_map["model.shop.customers"]).toEqual(["model.shop.orders", "model.shop.stg_customers"]);
    expect(maps.child_map["source.shop.raw.payments"]).toEqual(["model.shop.stg_payments"]);
    expect(maps.child_map["exposure.shop.weekly_dashboard"]).toEqual([]);
    expect(Object.keys(maps.parent_map).sort()).toEqual(graph.ids());
  });
});

describe("cycles", () => {
  const cyclic = () =>
    withEntries(emptyManifest(), [
      makeNode("a", { path: "a.sql", depends_on: dependsOn("model.shop.c") }),
      makeNode("b", { path: "sub/b.sql", depends_on: dependsOn("model.shop.a") }),
      makeNode("c", { path: "c.sql", depends_on: dependsOn("model.shop.b", "model.shop.ok") }),
      makeNode("ok"),
      makeNode("self", { depends_on: dependsOn("model.shop.self") }),
    ]);

  it("reports the full path of each cycle and the file of each member", () => {
    const diagnostics = buildGraph(cyclic()).findCycles();
    expect(diagnostics).toHaveLength(2);
    const [loop, selfLoop] = diagnostics;
    expect(loop.code).toBe("TSDBT-E013");
    expect(loop.message).toContain("model.shop.a → model.shop.c → model.shop.b → model.shop.a");
    expect(loop.message).toContain("model.shop.b (models/sub/b.sql)");
    expect(loop.message).toContain("model.shop.c (models/c.sql)");
    expect(loop.file).toBe("models/a.sql");
    expect(loop.hint).toMatch(/ref\(\)/);
    expect(selfLoop.message).toContain("model.shop.self → model.shop.self");
  });

  it("reports no cycle for an acyclic project", () => {
    expect(buildGraph(shopManifest()).findCycles()).toEqual([]);
  });

  it("refuses to order a cyclic graph with the cycle diagnostics", () => {
    const graph = buildGraph(cyclic());
    expect(() => graph.topologicalOrder()).toThrow(DiagnosticError);
    expect(() => graph.topologicalOrder()).toThrow(/model\.shop\.a → model\.shop\.c/);
  });

  it("handles a 10,000-node chain that loops back without overflowing the stack", () => {
    const size = 10_000;
    const nodes = Array.from({ length: size }, (_, index) =>
      makeNode(`m${index}`, { depends_on: dependsOn(`model.shop.m${(index + 1) % size}`) }),
    );
    const [diagnostic] = buildGraph(withEntries(emptyManifest(), nodes)).findCycles();
    expect(diagnostic.message.split(" → ")).toHaveLength(size + 1);
  });
});

describe("graph details a selection or a run relies on", () => {
  const chain = () =>
    withEntries(emptyManifest(), [
      makeNode("a"),
      makeNode("b", { depends_on: dependsOn("model.shop.a", "model.shop.a") }),
      makeNode("c", { depends_on: dependsOn("model.shop.b") }),
      makeNode("d", { depends_on: dependsOn("model.shop.c", "model.shop.a") }),
      makeNode("e", { depends_on: dependsOn("model.shop.d") }),
    ]);

  it("counts a parent listed twice once", () => {
    const graph = buildGraph(chain());
    expect(graph.parents("model.shop.b")).toEqual(["model.shop.a"]);
    expect(graph.children("model.shop.a")).toEqual(["model.shop.b", "model.shop.d"]);
  });

  it("has no parents, children, ancestors or descendants for an id that is not in it", () => {
    const graph = buildGraph(chain());
    expect(graph.has("model.shop.zzz")).toBe(false);
    expect(graph.parents("model.shop.zzz")).toEqual([]);
    expect(graph.children("model.shop.zzz")).toEqual([]);
    expect(graph.ancestors("model.shop.zzz").size).toBe(0);
    expect(sorted(graph.descendants(["model.shop.zzz", "model.shop.d"]))).toEqual(["model.shop.e"]);
  });

  it("walks exactly `depth` levels from several starts at once, reaching a node by its shortest way", () => {
    const graph = buildGraph(chain());
    expect(sorted(graph.descendants("model.shop.a", 1))).toEqual(["model.shop.b", "model.shop.d"]);
    expect(sorted(graph.descendants("model.shop.a", 2))).toEqual(["model.shop.b", "model.shop.c", "model.shop.d", "model.shop.e"]);
    expect(sorted(graph.ancestors(["model.shop.e", "model.shop.c"], 1))).toEqual(["model.shop.b", "model.shop.d"]);
    expect(sorted(graph.ancestors(["model.shop.e", "model.shop.c"], 2))).toEqual(["model.shop.a", "model.shop.b", "model.shop.c", "model.shop.d"]);
  });

  it("orders a diamond so a node waits for every parent, smallest id first among the ready ones", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("z_root"),
      makeNode("y", { depends_on: dependsOn("model.shop.z_root") }),
      makeNode("b", { depends_on: dependsOn("model.shop.z_root") }),
      makeNode("a_join", { depends_on: dependsOn("model.shop.y", "model.shop.b") }),
      makeNode("m_alone"),
    ]);
    expect(buildGraph(manifest).topologicalOrder()).toEqual(["model.shop.m_alone", "model.shop.z_root", "model.shop.b", "model.shop.y", "model.shop.a_join"]);
  });

  it("orders a subset whose members wait on each other through nodes outside it", () => {
    const graph = buildGraph(chain());
    expect(graph.topologicalOrder(["model.shop.e", "model.shop.a", "model.shop.c"])).toEqual(["model.shop.a", "model.shop.c", "model.shop.e"]);
    expect(graph.topologicalOrder([])).toEqual([]);
  });

  it("refuses to order a subset when a cycle lies outside it", () => {
    const manifest = withEntries(chain(), [
      makeNode("x", { depends_on: dependsOn("model.shop.y") }),
      makeNode("y", { depends_on: dependsOn("model.shop.x") }),
    ]);
    expect(() => buildGraph(manifest).topologicalOrder(["model.shop.a"])).toThrow(/model\.shop\.x → model\.shop\.y → model\.shop\.x/);
  });

  it("builds the graphlib graph once and keeps every member as its label", () => {
    const graph = buildGraph(chain());
    const graphlib = graph.toGraphlib();
    expect(graph.toGraphlib()).toBe(graphlib);
    expect(graphlib.edgeCount()).toBe(5);
    expect((graphlib.node("model.shop.c") as { name: string }).name).toBe("c");
  });

  it("orders the members of a subset by unique id even when nodes outside it unblock them", () => {
    // z runs outside the subset between a and b; m is ready from the start
    const manifest = withEntries(emptyManifest(), [
      makeNode("a"),
      makeNode("m"),
      makeNode("z", { depends_on: dependsOn("model.shop.a") }),
      makeNode("b", { depends_on: dependsOn("model.shop.z") }),
    ]);
    expect(buildGraph(manifest).topologicalOrder(["model.shop.a", "model.shop.b", "model.shop.m"])).toEqual(["model.shop.a", "model.shop.b", "model.shop.m"]);
  });

  it("takes children that become ready together smallest id first, whatever the order they were declared in", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("root"),
      makeNode("c1", { depends_on: dependsOn("model.shop.root") }),
      makeNode("c2", { depends_on: dependsOn("model.shop.root") }),
      makeNode("c3", { depends_on: dependsOn("model.shop.root") }),
    ]);
    expect(buildGraph(manifest).topologicalOrder()).toEqual(["model.shop.root", "model.shop.c1", "model.shop.c2", "model.shop.c3"]);
  });

  it("finds a node of a cycle among its own descendants and stops walking", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { depends_on: dependsOn("model.shop.b") }),
      makeNode("b", { depends_on: dependsOn("model.shop.a") }),
      makeNode("c", { depends_on: dependsOn("model.shop.b") }),
    ]);
    expect(sorted(buildGraph(manifest).descendants("model.shop.a"))).toEqual(["model.shop.a", "model.shop.b", "model.shop.c"]);
  });

  it("gives its ids sorted, as a copy the caller may change", () => {
    const graph = buildGraph(withEntries(emptyManifest(), [makeNode("c"), makeNode("a"), makeNode("e"), makeNode("b"), makeNode("d")]));
    const ids = graph.ids();
    ids.push("model.shop.extra");
    expect(graph.ids()).toEqual(["model.shop.a", "model.shop.b", "model.shop.c", "model.shop.d", "model.shop.e"]);
  });
});
