import type { DocsStore } from "./docs-store";
import { h } from "./dom";
import { pathTo, visibleRows, type TreeNode, type TreeRow } from "./tree-model";
import { hrefOf } from "./routes";
import { VirtualList } from "./virtual-list";

const ROW = 24;

/** A collapsible tree drawn in a virtual list (only visible rows exist in the DOM). */
export class TreeView {
  private readonly open = new Set<string>();
  private rows: TreeRow[] = [];
  private readonly list: VirtualList;
  private current?: string;

  constructor(private readonly store: DocsStore, host: HTMLElement, private readonly roots: TreeNode[], openKeys: string[]) {
    for (const k of openKeys) this.open.add(k);
    this.list = new VirtualList(host, ROW, (i) => this.row(i));
    this.update();
  }

  private update(): void {
    this.rows = visibleRows(this.roots, this.open);
    this.list.setCount(this.rows.length);
  }

  private row(i: number): HTMLElement {
    const { node, depth } = this.rows[i];
    const pad = `${8 + depth * 14}px`;
    if (node.children) {
      const isOpen = this.open.has(node.key);
      return h("div", { className: "tree-row tree-folder", style: `padding-left:${pad}`, "data-key": node.key, onclick: () => this.toggle(node.key) },
        h("span", { className: "caret" }, isOpen ? "▾" : "▸"), h("span", { className: "label" }, node.label), h("span", { className: "count" }, String(node.count ?? "")));
    }
    const e = this.store.entries[node.entry!];
    return h("a", { className: `tree-row tree-leaf kind-${e.type}${node.key === this.current ? " current" : ""}`, style: `padding-left:${pad}`, href: hrefOf({ kind: "entry", id: e.id }), title: e.id },
      h("span", { className: "dot" }), h("span", { className: "label" }, node.label));
  }

  /** Opens or closes a folder. */
  toggle(key: string): void {
    if (this.open.has(key)) this.open.delete(key);
    else this.open.add(key);
    this.update();
  }

  /** Marks the leaf of entry `id` as current, opening its folders and scrolling to it. */
  reveal(leafKey: string | undefined): void {
    this.current = leafKey;
    if (!leafKey) {
      this.list.refresh();
      return;
    }
    const trail = pathTo(this.roots, leafKey);
    if (trail) for (const k of trail) this.open.add(k);
    this.update();
    const at = this.rows.findIndex((r) => r.node.key === leafKey);
    if (at >= 0) this.list.reveal(at);
  }
}
