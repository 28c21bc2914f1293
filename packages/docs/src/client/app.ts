import { renderColumnView } from "./column-view";
import type { DocsStore } from "./docs-store";
import { h } from "./dom";
import { renderEntryPage } from "./entry-page";
import { renderGraphView } from "./graph-view";
import { renderOverview } from "./overview-page";
import { hrefOf, parseRoute } from "./routes";
import { mountSearch } from "./search-box";
import { databaseTree, projectTree } from "./tree-model";
import { TreeView } from "./tree-view";

/**
 * The page: header with search, a sidebar with the project and database trees (each built
 * once, when first shown), and the main area driven by the URL hash.
 */
export function startApp(store: DocsStore, root: HTMLElement): void {
  const search = h("input", { type: "search", className: "search-input", placeholder: "Search models, sources, columns… ( / )", spellcheck: "false", "aria-label": "Search" });
  const results = h("div", { className: "search-panel" });
  results.hidden = true;
  const treeHost = h("div", { className: "tree" });
  const tabProject = h("button", { type: "button", className: "tree-tab active", "data-tree": "project" }, "Project");
  const tabDatabase = h("button", { type: "button", className: "tree-tab", "data-tree": "database" }, "Database");
  const main = h("main", { className: "content" });
  root.replaceChildren(
    h("header", { className: "topbar" },
      h("a", { className: "brand", href: "#/" }, h("span", { className: "logo" }, "◆"), store.index.project || "tsdbt docs"),
      h("div", { className: "search-wrap" }, search, results),
      h("a", { className: "graph-link", href: hrefOf({ kind: "graph", select: "", exclude: "" }) }, "Lineage graph")),
    h("div", { className: "layout" }, h("nav", { className: "sidebar" }, h("div", { className: "tree-tabs" }, tabProject, tabDatabase), treeHost), main),
  );
  const navigate = (hash: string) => {
    if (location.hash === hash) route();
    else location.hash = hash;
  };
  mountSearch(store, search, results, navigate);

  const projectHost = h("div", { className: "tree-pane" });
  const databaseHost = h("div", { className: "tree-pane" });
  treeHost.append(projectHost, databaseHost);
  const rootPkg = store.index.project;
  const pRoots = projectTree(store.entries, rootPkg);
  const projectView = new TreeView(store, projectHost, pRoots, pRoots.length ? [pRoots[0].key, `${pRoots[0].key}/model`] : []);
  let databaseView: TreeView | undefined;
  const showTree = (which: "project" | "database") => {
    tabProject.classList.toggle("active", which === "project");
    tabDatabase.classList.toggle("active", which === "database");
    projectHost.hidden = which !== "project";
    databaseHost.hidden = which !== "database";
    if (which === "database" && !databaseView) {
      const dRoots = databaseTree(store.entries);
      databaseView = new TreeView(store, databaseHost, dRoots, dRoots.flatMap((d) => [d.key, ...(d.children?.length === 1 ? [d.children[0].key] : [])]));
    }
  };
  databaseHost.hidden = true;
  tabProject.addEventListener("click", () => showTree("project"));
  tabDatabase.addEventListener("click", () => showTree("database"));

  const route = () => {
    const r = parseRoute(location.hash);
    main.scrollTop = 0;
    document.body.dataset.route = r.kind;
    try {
      if (r.kind === "entry") {
        const i = store.byId.get(r.id);
        if (i === undefined) main.replaceChildren(h("p", { className: "empty" }, `No entry ${r.id} in this project.`));
        else {
          renderEntryPage(store, main, i);
          document.title = `${store.label(i)} · ${store.index.project}`;
          projectView.reveal(`e:${r.id}`);
          databaseView?.reveal(`r:${r.id}`);
        }
      } else if (r.kind === "graph") renderGraphView(store, main, r.select, r.exclude, navigate);
      else if (r.kind === "columns") renderColumnView(store, main, r.id, r.column, navigate);
      else renderOverview(store, main);
    } catch (e) {
      main.replaceChildren(h("p", { className: "error" }, `Could not show this page: ${(e as Error).message}`));
    }
  };
  window.addEventListener("hashchange", route);
  route();
}
