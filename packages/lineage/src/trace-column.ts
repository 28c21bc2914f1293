import type { NodeLineage, Transformation } from "./types";

/** One column in a lineage tree: where it is, how its parent uses it, and what is beyond it. */
export interface LineageTreeNode {
  node: string;
  column: string;
  /** How this column feeds the column above it (upstream trees) or is fed by it (downstream trees); absent at the root. */
  transformations?: Transformation[];
  children: LineageTreeNode[];
  /** True when this column's subtree is already shown elsewhere in the tree. */
  repeated?: boolean;
  /** True when the node's lineage is model-level only, so the tree cannot go further through it. */
  modelLevel?: boolean;
}

/** Direction of a trace. */
export type TraceDirection = "upstream" | "downstream";

interface Edge {
  node: string;
  column: string;
  transformations: Transformation[];
}

/** Finds a column of a node ignoring case; returns its spelling in the lineage. */
function spelling(lineage: NodeLineage | undefined, column: string): string {
  if (!lineage) return column;
  const lower = column.toLowerCase();
  return Object.keys(lineage.columns).find((c) => c.toLowerCase() === lower) ?? column;
}

/**
 * The transitive lineage of one column as a tree: its upstream columns down to seeds and
 * sources, or every column it feeds. A column reached twice is expanded once (`repeated`
 * marks the other places), so trees over wide diamonds stay small.
 */
export function traceColumn(models: Record<string, NodeLineage>, node: string, column: string, direction: TraceDirection): LineageTreeNode {
  const edges = direction === "upstream" ? upstreamEdges(models) : downstreamEdges(models);
  const expanded = new Set<string>();
  const walk = (n: string, c: string, transformations: Transformation[] | undefined, path: Set<string>): LineageTreeNode => {
    const col = direction === "upstream" ? spelling(models[n], c) : c;
    const key = `${n}\u0000${col.toLowerCase()}`;
    const out: LineageTreeNode = { node: n, column: col, children: [] };
    if (transformations) out.transformations = transformations;
    if (direction === "upstream" && models[n]?.level === "model") out.modelLevel = true;
    if (expanded.has(key) || path.has(key)) {
      const next = edges(n, col);
      if (next.length) out.repeated = true;
      return out;
    }
    expanded.add(key);
    const inner = new Set(path).add(key);
    out.children = edges(n, col).map((e) => walk(e.node, e.column, e.transformations, inner));
    return out;
  };
  return walk(node, column, undefined, new Set());
}

function upstreamEdges(models: Record<string, NodeLineage>): (node: string, column: string) => Edge[] {
  return (node, column) => models[node]?.columns[column]?.upstream ?? [];
}

function downstreamEdges(models: Record<string, NodeLineage>): (node: string, column: string) => Edge[] {
  const index = new Map<string, Edge[]>();
  for (const [id, m] of Object.entries(models)) {
    for (const [name, col] of Object.entries(m.columns)) {
      for (const u of col.upstream) {
        const key = `${u.node}\u0000${u.column.toLowerCase()}`;
        let list = index.get(key);
        if (!list) index.set(key, (list = []));
        list.push({ node: id, column: name, transformations: u.transformations });
      }
    }
  }
  return (node, column) => index.get(`${node}\u0000${column.toLowerCase()}`) ?? [];
}

/** Renders a tree as indented text lines (`├──`/`└──`), each child with its transformations. */
export function formatTree(tree: LineageTreeNode, label: (node: string) => string = (n) => n): string[] {
  const lines = [`${label(tree.node)}.${tree.column}${tree.modelLevel ? "  (model-level lineage only)" : ""}`];
  const walk = (children: LineageTreeNode[], prefix: string) => {
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      const how = child.transformations?.map((t) => `${t.type}/${t.subtype}`).join(", ");
      const notes = [how && `[${how}]`, child.repeated && "(see above)", child.modelLevel && "(model-level lineage only)"].filter(Boolean).join(" ");
      lines.push(`${prefix}${last ? "└── " : "├── "}${label(child.node)}.${child.column}${notes ? `  ${notes}` : ""}`);
      walk(child.children, prefix + (last ? "    " : "│   "));
    });
  };
  walk(tree.children, "");
  return lines;
}
