import type { DocsStore } from "./docs-store";
import { h } from "./dom";
import { hrefOf } from "./routes";
import type { SearchHit } from "./search-index";
import { VirtualList } from "./virtual-list";

const ROW = 52;

/**
 * The search box and its results: every keystroke searches the whole index (names,
 * descriptions, columns), results are drawn in a virtual list; ↑/↓/Enter/Escape work.
 */
export function mountSearch(store: DocsStore, input: HTMLInputElement, panel: HTMLElement, navigate: (hash: string) => void): void {
  let hits: SearchHit[] = [];
  let active = 0;
  const summary = h("div", { className: "search-summary" });
  const listHost = h("div", { className: "search-results" });
  panel.replaceChildren(summary, listHost);
  const list = new VirtualList(listHost, ROW, (i) => {
    const hit = hits[i];
    const e = store.entries[hit.index];
    const where = hit.where === "column" ? `column ${hit.column}` : hit.where;
    return h("a", { className: `search-hit${i === active ? " active" : ""}`, href: hrefOf({ kind: "entry", id: e.id }), "data-id": e.id, onclick: () => close() },
      h("div", { className: "hit-title" }, h("span", { className: `badge kind-${e.type}` }, e.type), h("span", { className: "hit-name" }, store.label(hit.index)), h("span", { className: "hit-where" }, where)),
      h("div", { className: "hit-desc" }, e.desc.replace(/\s+/g, " ").slice(0, 160)));
  });
  const close = () => {
    panel.hidden = true;
  };
  const run = () => {
    const q = input.value.trim();
    if (!q) {
      close();
      return;
    }
    const started = performance.now();
    hits = store.search.search(q);
    active = 0;
    summary.textContent = `${hits.length === 500 ? "500+" : hits.length} result${hits.length === 1 ? "" : "s"} · ${Math.max(1, Math.round(performance.now() - started))} ms`;
    panel.hidden = false;
    listHost.scrollTop = 0;
    list.setCount(hits.length);
  };
  input.addEventListener("input", run);
  input.addEventListener("focus", () => input.value.trim() && run());
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      close();
      input.blur();
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      active = Math.max(0, Math.min(hits.length - 1, active + (ev.key === "ArrowDown" ? 1 : -1)));
      list.reveal(active);
      list.refresh();
    } else if (ev.key === "Enter" && hits[active]) {
      navigate(hrefOf({ kind: "entry", id: store.entries[hits[active].index].id }));
      close();
    }
  });
  document.addEventListener("click", (ev) => {
    if (!panel.contains(ev.target as Node) && ev.target !== input) close();
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "/" && document.activeElement !== input && !(document.activeElement instanceof HTMLInputElement)) {
      ev.preventDefault();
      input.focus();
    }
  });
}
