import { buildGraph } from "./build-graph";
import { dependsOn, emptyManifest, makeNode, withEntries } from "./__fixtures__/manifest-factory";

describe("the dependency-cycle diagnostic (TSDBT-E013)", () => {
  it("points at the first node's ref() to the next node of the cycle, and names every file", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { raw_code: "-- orders\nselect *\n  from {{ ref('b') }}", depends_on: dependsOn("model.shop.b") }),
      makeNode("b", { path: "marts/b.sql", raw_code: "select * from {{ ref('a') }}", depends_on: dependsOn("model.shop.a") }),
    ]);
    const [diagnostic, ...others] = buildGraph(manifest).findCycles();
    expect(others).toEqual([]);
    expect(diagnostic).toEqual({
      code: "TSDBT-E013",
      severity: "error",
      message:
        "Found a dependency cycle: model.shop.a → model.shop.b → model.shop.a (each node depends on the next).\n" +
        "Nodes in the cycle:\n  model.shop.a (models/a.sql)\n  model.shop.b (models/marts/b.sql)",
      file: "models/a.sql",
      line: 3,
      col: 11,
      snippet: "  from {{ ref('b') }}",
      nodeId: "model.shop.a",
      hint: "Remove or redirect one of the ref() or source() calls along this path so that no node depends on itself, directly or indirectly.",
    });
  });

  it("gives no position when the ref() cannot be found in the code", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { raw_code: "select 1", depends_on: dependsOn("model.shop.b") }),
      makeNode("b", { depends_on: dependsOn("model.shop.a") }),
    ]);
    const [diagnostic] = buildGraph(manifest).findCycles();
    expect(diagnostic.file).toBe("models/a.sql");
    expect([diagnostic.line, diagnostic.col, diagnostic.snippet]).toEqual([undefined, undefined, undefined]);
  });

  it("shows the shortest loop and says how many nodes are caught when the loop is only part of the knot", () => {
    // a → b → a is the shortest loop through a; c and d are in the same knot through longer loops
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { depends_on: dependsOn("model.shop.b", "model.shop.c") }),
      makeNode("b", { depends_on: dependsOn("model.shop.a") }),
      makeNode("c", { depends_on: dependsOn("model.shop.d") }),
      makeNode("d", { depends_on: dependsOn("model.shop.a") }),
    ]);
    const [diagnostic, ...others] = buildGraph(manifest).findCycles();
    expect(others).toEqual([]);
    expect(diagnostic.message.split("\n")[0]).toBe(
      "Found a dependency cycle: model.shop.a → model.shop.b → model.shop.a (each node depends on the next). 4 nodes in all are caught in this loop.",
    );
    expect(diagnostic.message).not.toContain("model.shop.c (");
  });

  it("takes the alphabetically first way round when two loops through the first node are as short", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { depends_on: dependsOn("model.shop.z", "model.shop.m") }),
      makeNode("m", { depends_on: dependsOn("model.shop.a") }),
      makeNode("z", { depends_on: dependsOn("model.shop.a") }),
    ]);
    const [diagnostic] = buildGraph(manifest).findCycles();
    expect(diagnostic.message.split("\n")[0]).toBe(
      "Found a dependency cycle: model.shop.a → model.shop.m → model.shop.a (each node depends on the next). 3 nodes in all are caught in this loop.",
    );
  });

  it("reports separate knots separately, each from its smallest id, and no acyclic node", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("base"),
      makeNode("y1", { depends_on: dependsOn("model.shop.y2", "model.shop.base") }),
      makeNode("y2", { depends_on: dependsOn("model.shop.y1") }),
      makeNode("x2", { depends_on: dependsOn("model.shop.x1") }),
      makeNode("x1", { depends_on: dependsOn("model.shop.x3") }),
      makeNode("x3", { depends_on: dependsOn("model.shop.x2") }),
      makeNode("top", { depends_on: dependsOn("model.shop.y1", "model.shop.x1") }),
    ]);
    const firstLines = buildGraph(manifest)
      .findCycles()
      .map((diagnostic) => [diagnostic.nodeId, diagnostic.message.split("\n")[0]])
      .sort();
    expect(firstLines).toEqual([
      ["model.shop.x1", "Found a dependency cycle: model.shop.x1 → model.shop.x3 → model.shop.x2 → model.shop.x1 (each node depends on the next)."],
      ["model.shop.y1", "Found a dependency cycle: model.shop.y1 → model.shop.y2 → model.shop.y1 (each node depends on the next)."],
    ]);
  });

  it("reports a node depending on itself, pointing at its own ref()", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("self", { raw_code: "select * from {{ ref('self') }}", depends_on: dependsOn("model.shop.self") }),
    ]);
    const [diagnostic] = buildGraph(manifest).findCycles();
    expect(diagnostic.message).toBe(
      "Found a dependency cycle: model.shop.self → model.shop.self (each node depends on the next).\nNodes in the cycle:\n  model.shop.self (models/self.sql)",
    );
    expect([diagnostic.line, diagnostic.col]).toEqual([1, 18]);
  });
});

describe("finding cycles without false alarms", () => {
  it("reports nothing for a node reaching another both directly and through a third", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { depends_on: dependsOn("model.shop.c", "model.shop.b") }),
      makeNode("b", { depends_on: dependsOn("model.shop.c") }),
      makeNode("c"),
    ]);
    expect(buildGraph(manifest).findCycles()).toEqual([]);
  });

  it("reports a self-loop once even when an earlier node reached it first", () => {
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { depends_on: dependsOn("model.shop.z_self") }),
      makeNode("z_self", { depends_on: dependsOn("model.shop.z_self") }),
    ]);
    expect(buildGraph(manifest).findCycles().map((d) => d.nodeId)).toEqual(["model.shop.z_self"]);
  });

  it("follows a loop that passes a node twice on the way back without going round it forever", () => {
    // a → p → q → r → a, with q also depending on p again
    const manifest = withEntries(emptyManifest(), [
      makeNode("a", { depends_on: dependsOn("model.shop.p") }),
      makeNode("p", { depends_on: dependsOn("model.shop.q") }),
      makeNode("q", { depends_on: dependsOn("model.shop.p", "model.shop.r") }),
      makeNode("r", { depends_on: dependsOn("model.shop.a") }),
    ]);
    const [diagnostic] = buildGraph(manifest).findCycles();
    expect(diagnostic.message.split("\n")[0]).toBe(
      "Found a dependency cycle: model.shop.a → model.shop.p → model.shop.q → model.shop.r → model.shop.a (each node depends on the next).",
    );
  });
});
