import type { DocsStore } from "./docs-store";
import { h } from "./dom";
import { hrefOf } from "./routes";

/** The start page: the project, what it holds, and where to go. */
export function renderOverview(store: DocsStore, host: HTMLElement): void {
  const counts = new Map<string, number>();
  for (const e of store.entries) if (!e.hidden) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const order = ["model", "source", "seed", "snapshot", "exposure", "test", "analysis", "macro"];
  host.replaceChildren(
    h("div", { className: "page overview" },
      h("h1", null, store.index.project || "Project"),
      h("p", { className: "muted" }, `Generated ${new Date(store.index.generatedAt).toLocaleString()}${store.index.adapter ? ` · ${store.index.adapter}` : ""}`),
      h("div", { className: "stat-cards" }, ...order.filter((t) => counts.get(t)).map((t) => h("div", { className: `stat-card kind-${t}` }, h("strong", null, String(counts.get(t))), h("span", null, `${t === "analysis" ? "analyses" : `${t}s`}`)))),
      h("h2", null, "Getting around"),
      h("ul", null,
        h("li", null, "Browse the project or database tree on the left, or search names, descriptions and columns above (press / to search)."),
        h("li", null, "Each page shows columns, tests, code and what a model depends on and feeds."),
        h("li", null, "The ", h("a", { href: hrefOf({ kind: "graph", select: "", exclude: "" }) }, "lineage graph"), " takes dbt's selector syntax: +orders+, tag:nightly, path:models/marts, 2+name+1.")),
      store.index.hasColumnLineage ? h("p", null, "Column lineage is available: open a model and follow a column's lineage link.") : h("p", { className: "muted" }, "No column lineage in this build (target/column_lineage.json was not found).")),
  );
}
