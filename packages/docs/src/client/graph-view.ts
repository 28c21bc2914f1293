import type { DocsStore } from "./docs-store";
import { append, h } from "./dom";
import { drawGraph, type DrawnNode } from "./graph-canvas";
import { layoutGraph } from "./graph-layout";
import { renderMarkdown } from "./markdown";
import { hrefOf } from "./routes";
import { selectEntries } from "./selector";

/** Most nodes drawn at once; a larger selection is cut (and says so). */
export const MAX_GRAPH_NODES = 500;

const nodeWidth = (label: string) => Math.min(280, Math.max(110, label.length * 7.9 + 26));

/**
 * The lineage graph: a selector box (dbt syntax) and an exclude box, the selected entries
 * laid out by dagre, and a panel for the clicked node with upstream/downstream focus buttons.
 * Tests and macros are left out of the drawing.
 */
export function renderGraphView(store: DocsStore, host: HTMLElement, select: string, exclude: string, navigate: (hash: string) => void): void {
  const selectBox = h("input", { type: "text", className: "selector", value: select, placeholder: "+orders+  tag:nightly  path:models/marts", spellcheck: "false", "aria-label": "Select" });
  const excludeBox = h("input", { type: "text", className: "selector", value: exclude, placeholder: "exclude…", spellcheck: "false", "aria-label": "Exclude" });
  const go = () => navigate(hrefOf({ kind: "graph", select: selectBox.value.trim(), exclude: excludeBox.value.trim() }));
  for (const box of [selectBox, excludeBox]) box.addEventListener("keydown", (ev) => (ev as KeyboardEvent).key === "Enter" && go());
  const status = h("span", { className: "graph-status" });
  const canvas = h("div", { className: "graph-canvas" });
  const panel = h("aside", { className: "graph-panel" }, h("p", { className: "muted" }, "Click a node for its details; double-click to focus on it."));
  const fitButton = h("button", { type: "button" }, "Fit");
  host.replaceChildren(
    h("div", { className: "graph-view" },
      h("div", { className: "graph-toolbar" }, h("label", null, "select ", selectBox), h("label", null, "exclude ", excludeBox), h("button", { type: "button", className: "primary", onclick: go }, "Update graph"), fitButton, status),
      h("div", { className: "graph-body" }, canvas, panel)),
  );

  const { ids, errors } = selectEntries(store, select, exclude);
  const shown = [...ids].filter((i) => store.entries[i].type !== "test" && store.entries[i].type !== "macro").sort((a, b) => a - b);
  if (errors.length) {
    status.textContent = errors.join(" ");
    status.classList.add("error");
  }
  if (!shown.length) {
    canvas.append(h("p", { className: "empty" }, errors.length ? "Fix the selector to draw a graph." : "Nothing matches this selection."));
    return;
  }
  const drawn = shown.length > MAX_GRAPH_NODES ? shown.slice(0, MAX_GRAPH_NODES) : shown;
  if (!errors.length) status.textContent = drawn.length < shown.length ? `${shown.length} nodes selected; showing the first ${drawn.length}. Narrow the selection (e.g. +name+ or 2+name+2).` : `${drawn.length} node${drawn.length === 1 ? "" : "s"}`;
  const inGraph = new Set(drawn);
  const focus = new Set<number>();
  const direct = /^\s*@?(?:\d*\+)?([\w.*?-]+?)(?:\+\d*)?\s*$/.exec(select);
  if (direct) drawn.forEach((i) => store.entries[i].name === direct[1] && focus.add(i));
  const nodes: DrawnNode[] = drawn.map((i) => ({ id: String(i), label: store.label(i), kind: store.entries[i].type, focus: focus.has(i) }));
  const edges: [string, string][] = [];
  for (const i of drawn) for (const p of store.entries[i].parents) if (inGraph.has(p)) edges.push([String(p), String(i)]);
  const layout = layoutGraph(nodes.map((n) => ({ id: n.id, width: nodeWidth(n.label), height: 30 })), edges);
  const graph = drawGraph(
    canvas,
    layout,
    nodes,
    (id) => {
      graph.highlight(id);
      showPanel(store, panel, Number(id), navigate);
    },
    (id) => navigate(hrefOf({ kind: "graph", select: `+${store.entries[Number(id)].name}+`, exclude: "" })),
  );
  fitButton.addEventListener("click", () => graph.fit());
  const first = [...focus][0];
  if (first !== undefined) {
    graph.highlight(String(first));
    showPanel(store, panel, first, navigate);
  }
}

function showPanel(store: DocsStore, panel: HTMLElement, i: number, navigate: (hash: string) => void): void {
  const e = store.entries[i];
  const name = e.type === "source" ? `source:${e.id.split(".")[2]}.${e.name}` : e.name;
  const focus = (select: string) => h("button", { type: "button", onclick: () => navigate(hrefOf({ kind: "graph", select, exclude: "" })) }, select);
  panel.replaceChildren();
  append(panel, [
    h("div", { className: `badge kind-${e.type}` }, e.type),
    h("h3", null, store.label(i)),
    e.mat ? h("p", { className: "muted" }, e.mat) : null,
    h("div", { className: "markdown small", html: renderMarkdown(e.desc.length > 600 ? `${e.desc.slice(0, 600)}…` : e.desc) }),
    h("p", null, h("a", { href: hrefOf({ kind: "entry", id: e.id }), className: "open-page" }, "Open page →")),
    h("p", { className: "muted" }, `${e.parents.length} upstream, ${store.children[i].filter((c) => store.entries[c].type !== "test").length} downstream`),
    h("div", { className: "focus-buttons" }, focus(`+${name}`), focus(`${name}+`), focus(`+${name}+`), focus(`1+${name}+1`)),
  ]);
}
