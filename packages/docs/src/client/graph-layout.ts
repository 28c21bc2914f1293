/** The parts of dagre's API the site uses (dagre.min.js sets the `dagre` global). */
interface DagreGraph {
  setGraph(label: object): void;
  setDefaultEdgeLabel(fn: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(from: string, to: string): void;
  node(id: string): { x: number; y: number; width: number; height: number };
  edge(from: string, to: string): { points: { x: number; y: number }[] };
  graph(): { width?: number; height?: number };
}
interface DagreApi {
  graphlib: { Graph: new (options?: object) => DagreGraph };
  layout(graph: DagreGraph): void;
}

/** A box to place. */
export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

/** Where dagre put everything (node x/y are centres). */
export interface Layout {
  nodes: Map<string, { x: number; y: number; width: number; height: number }>;
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
  width: number;
  height: number;
}

/** Lays out a directed graph left to right with dagre (a layered, crossing-reducing layout). */
export function layoutGraph(nodes: LayoutNode[], edges: [string, string][], options: { rankSep?: number; nodeSep?: number } = {}): Layout {
  const dagre = (globalThis as unknown as { dagre?: DagreApi }).dagre;
  if (!dagre) throw new Error("The graph layout library (tsdbt-docs/dagre.min.js) did not load.");
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "LR", ranksep: options.rankSep ?? 70, nodesep: options.nodeSep ?? 14, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const [a, b] of edges) g.setEdge(a, b);
  dagre.layout(g);
  const placed = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const n of nodes) placed.set(n.id, g.node(n.id));
  const info = g.graph();
  return {
    nodes: placed,
    edges: edges.map(([from, to]) => ({ from, to, points: g.edge(from, to).points })),
    width: info.width ?? 0,
    height: info.height ?? 0,
  };
}
