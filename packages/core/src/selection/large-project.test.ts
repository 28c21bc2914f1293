import type { DepGraph } from "../graph/dep-graph";
import { buildGraph } from "../graph/build-graph";
import { dependsOn, emptyManifest, makeNode, withEntries } from "../graph/__fixtures__/manifest-factory";
import type { Manifest } from "../manifest/types";
import { selectNodes } from "./select-nodes";

const LAYERS = 100;
const WIDTH = 100;

/**
 * 10,000 models in 100 layers of 100; model (layer, i) depends on (layer-1, i) and
 * (layer-1, i+1 mod 100), so the ancestors of a model k layers up form a window of k+1 models
 * and its descendants k layers down likewise.
 */
function layeredManifest(): Manifest {
  const nodes = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    for (let index = 0; index < WIDTH; index++) {
      const parents = layer === 0 ? [] : [index, (index + 1) % WIDTH].map((i) => `model.shop.m_${layer - 1}_${i}`);
      nodes.push(makeNode(`m_${layer}_${index}`, { path: `layer_${layer}/m_${layer}_${index}.sql`, depends_on: dependsOn(...parents) }));
    }
  }
  return withEntries(emptyManifest(), nodes);
}

describe("a 10,000-model project", () => {
  let manifest: Manifest;
  let graph: DepGraph;

  beforeAll(() => {
    manifest = layeredManifest();
  });

  it("builds the graph", () => {
    graph = buildGraph(manifest);
    expect(graph.ids()).toHaveLength(LAYERS * WIDTH);
  });

  it("selects +x+ around a model in the middle", () => {
    const selected = selectNodes(manifest, graph, { select: ["+m_50_50+"] });
    const windowSum = (layers: number) => Array.from({ length: layers }, (_, k) => Math.min(k + 2, WIDTH)).reduce((a, b) => a + b, 0);
    expect(selected).toHaveLength(1 + windowSum(50) + windowSum(49));
    expect(selected).toContain("model.shop.m_0_50");
    expect(selected).not.toContain("model.shop.m_0_49");
  });

  it("orders the whole project topologically and finds no cycle", () => {
    const order = graph.topologicalOrder();
    expect(order[0]).toBe("model.shop.m_0_0");
    expect(order[order.length - 1]).toBe("model.shop.m_99_99");
    expect(graph.findCycles()).toEqual([]);
  });

  it("selects one folder by path among every model", () => {
    expect(selectNodes(manifest, graph, { select: ["path:models/layer_7"] })).toHaveLength(WIDTH);
  });
});
