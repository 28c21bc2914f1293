import type { DocsStore } from "./docs-store";
import type { ColumnRef } from "./column-lineage";
import { h } from "./dom";
import { drawGraph, type DrawnNode } from "./graph-canvas";
import { layoutGraph } from "./graph-layout";
import { hrefOf } from "./routes";

/**
 * Column lineage of one column: the columns it comes from and the columns built from it,
 * drawn with dagre, plus the same as lists. Says "No column lineage" when the project has
 * none (target/column_lineage.json missing) or this entry has none.
 */
export function renderColumnView(store: DocsStore, host: HTMLElement, id: string, column: string, navigate: (hash: string) => void): void {
  const i = store.byId.get(id);
  if (i === undefined) {
    host.replaceChildren(h("p", { className: "empty" }, `No entry ${id} in this project.`));
    return;
  }
  const e = store.entries[i];
  const header = h("div", { className: "page-header" },
    h("div", { className: "badge kind-column" }, "column lineage"),
    h("h1", null, `${store.label(i)}.${column}`),
    h("p", null, h("a", { href: hrefOf({ kind: "entry", id }) }, `← ${store.label(i)}`)));
  const lineage = store.columnLineage;
  const start: ColumnRef = { entry: i, column };
  const up = lineage.upstreamOf(start);
  const down = lineage.downstreamOf(start);
  if (!store.index.hasColumnLineage || (!e.lineage && !down.length)) {
    host.replaceChildren(h("div", { className: "page" }, header, h("p", { className: "empty no-column-lineage" },
      store.index.hasColumnLineage ? `No column lineage recorded for ${store.label(i)}.` : "No column lineage: this project's target/ has no column_lineage.json. Generate column lineage, then run `tsdbt docs generate` again.")));
    return;
  }
  const graph = lineage.graph(start);
  const name = (r: ColumnRef) => (typeof r.entry === "number" ? store.label(r.entry) : r.entry);
  const kind = (r: ColumnRef) => (typeof r.entry === "number" ? store.entries[r.entry].type : "unknown");
  const link = (r: ColumnRef) => [
    typeof r.entry === "number"
      ? h("a", { href: hrefOf({ kind: "columns", id: store.entries[r.entry].id, column: r.column }) }, `${name(r)}.${r.column}`)
      : h("span", null, `${r.entry}.${r.column}`),
    r.how ? h("span", { className: "how" }, ` ${r.how.toLowerCase()}`) : null,
  ];
  const canvas = h("div", { className: "graph-canvas column-canvas" });
  host.replaceChildren(
    h("div", { className: "page" },
      header,
      graph.truncated ? h("p", { className: "warning" }, "This lineage is large; only part of it is drawn.") : null,
      canvas,
      h("div", { className: "columns-2" },
        h("section", null, h("h2", null, "Comes from"), up.length ? h("ul", { className: "upstream-columns" }, ...up.map((r) => h("li", null, ...link(r)))) : h("p", { className: "muted" }, "No upstream columns (a literal, or a source column).")),
        h("section", null, h("h2", null, "Used by"), down.length ? h("ul", { className: "downstream-columns" }, ...down.map((r) => h("li", null, ...link(r)))) : h("p", { className: "muted" }, "No downstream columns.")))),
  );
  const nodes: DrawnNode[] = graph.columns.map((r, k) => ({ id: String(k), label: r.column, sublabel: name(r), kind: kind(r), focus: k === 0 }));
  const layout = layoutGraph(
    nodes.map((n) => ({ id: n.id, width: Math.min(300, Math.max(130, Math.max(n.label.length, (n.sublabel ?? "").length) * 7 + 26)), height: 42 })),
    graph.edges.map(([a, b]) => [String(a), String(b)]),
  );
  drawGraph(canvas, layout, nodes, (k) => {
    const r = graph.columns[Number(k)];
    if (typeof r.entry === "number") navigate(hrefOf({ kind: "columns", id: store.entries[r.entry].id, column: r.column }));
  });
}
