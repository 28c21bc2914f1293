import type { SiteDetail } from "../shared/site-data";
import type { DocsStore } from "./docs-store";
import { h, type Child } from "./dom";
import { renderMarkdown } from "./markdown";
import { hrefOf } from "./routes";

const TITLES: Record<string, string> = { model: "Model", seed: "Seed", snapshot: "Snapshot", test: "Data test", analysis: "Analysis", operation: "Operation", source: "Source", exposure: "Exposure", macro: "Macro" };

/** A link to an entry's page. */
export function entryLink(store: DocsStore, i: number): HTMLAnchorElement {
  const e = store.entries[i];
  return h("a", { href: hrefOf({ kind: "entry", id: e.id }), className: `entry-link kind-${e.type}`, title: e.id }, store.label(i));
}

function linkList(store: DocsStore, items: number[], empty: string): Child {
  if (!items.length) return h("p", { className: "muted" }, empty);
  const byType = new Map<string, number[]>();
  for (const i of items) byType.set(store.entries[i].type, [...(byType.get(store.entries[i].type) ?? []), i]);
  return h("div", { className: "link-groups" }, ...[...byType].map(([type, list]) => h("div", null, h("h4", null, `${TITLES[type] ?? type}s (${list.length})`), h("ul", null, ...list.slice(0, 300).map((i) => h("li", null, entryLink(store, i))), list.length > 300 ? h("li", { className: "muted" }, `… and ${list.length - 300} more`) : null))));
}

function valueText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * The page of one entry: header, description, details, columns (types, descriptions, tests,
 * column lineage links), depends-on and referenced-by, code (raw and compiled, loaded on
 * demand), meta.
 */
export function renderEntryPage(store: DocsStore, host: HTMLElement, i: number): void {
  const e = store.entries[i];
  const graphName = e.type === "source" ? `source:${e.id.split(".")[2]}.${e.name}` : e.name;
  const details = h("dl", { className: "details" });
  const add = (k: string, v: unknown) => {
    if (v === null || v === undefined || v === "") return;
    details.append(h("dt", null, k), h("dd", null, valueText(v)));
  };
  add(e.type === "source" ? "Loader" : e.type === "exposure" ? "Type" : "Materialization", e.mat);
  if (e.rel) add("Relation", [e.db, e.schema, e.rel].filter(Boolean).join("."));
  add("Relation type", e.relType);
  for (const [label, value] of e.stats ?? []) add(label, value);
  add("Package", e.pkg);
  add("Path", e.path);
  if (e.tags.length) add("Tags", e.tags.join(", "));
  const isTest = e.type === "test";
  const testHeader: Child = isTest && e.attached !== undefined ? h("p", { className: "tested" }, "Tests ", entryLink(store, e.attached), e.column ? ` column ${e.column}` : "", e.testName ? ` with ${e.testName}` : "") : null;
  const columnsTable: Child = e.cols.length
    ? h("section", { className: "columns-section" },
        h("h2", null, e.type === "macro" ? "Arguments" : `Columns (${e.cols.length})`),
        h("table", { className: "columns" },
          h("thead", null, h("tr", null, h("th", null, "Column"), h("th", null, "Type"), h("th", null, "Description"), e.type === "macro" ? null : h("th", null, "Tests"), e.type === "macro" ? null : h("th", null, "Lineage"))),
          h("tbody", null, ...e.cols.map((c) =>
            h("tr", { "data-column": c.name },
              h("td", { className: "col-name" }, c.name),
              h("td", { className: "col-type" }, c.type),
              h("td", { className: "markdown", html: renderMarkdown(c.desc) }),
              e.type === "macro" ? null : h("td", { className: "col-tests" }, ...c.tests.map((t) => h("a", { href: hrefOf({ kind: "entry", id: store.entries[t].id }), className: "test-badge", title: store.entries[t].name }, store.entries[t].testName ?? "test"))),
              e.type === "macro" ? null : h("td", null, h("a", { href: hrefOf({ kind: "columns", id: e.id, column: c.name }), className: "column-lineage-link" }, "lineage")),
            )))))
    : null;
  const referencedBy = store.children[i].filter((c) => store.entries[c].type !== "test");
  const tests = store.children[i].filter((c) => store.entries[c].type === "test");
  const usedByMacros = e.type === "macro" ? store.entries.flatMap((o, k) => (o.macros.includes(i) ? [k] : [])) : [];
  const code = h("section", { className: "code-section" }, h("p", { className: "muted" }, "Loading code…"));
  const meta = h("section", { className: "meta-section" });
  host.replaceChildren(
    h("article", { className: "page entry-page", "data-entry": e.id },
      h("div", { className: "page-header" },
        h("div", { className: `badge kind-${e.type}` }, TITLES[e.type] ?? e.type),
        h("h1", null, store.label(i)),
        h("p", { className: "muted unique-id" }, e.id),
        e.type !== "macro" && e.type !== "test" ? h("p", null, h("a", { href: hrefOf({ kind: "graph", select: `+${graphName}+`, exclude: "" }), className: "button view-lineage" }, "View lineage graph")) : null),
      testHeader,
      h("section", { className: "description" }, h("h2", null, "Description"), e.desc.trim() ? h("div", { className: "markdown", html: renderMarkdown(e.desc) }) : h("p", { className: "muted" }, "No description.")),
      h("section", null, h("h2", null, "Details"), details),
      columnsTable,
      e.type === "macro" ? null : h("section", { className: "depends-on" }, h("h2", null, "Depends on"), linkList(store, e.parents, "Nothing in this project.")),
      e.type === "macro" ? null : h("section", { className: "referenced-by" }, h("h2", null, "Referenced by"), linkList(store, referencedBy, "Nothing in this project.")),
      tests.length ? h("section", { className: "tests-section" }, h("h2", null, `Data tests (${tests.length})`), linkList(store, tests, "")) : null,
      e.macros.length ? h("section", null, h("h2", null, "Macros used"), linkList(store, e.macros, "")) : null,
      e.type === "macro" ? h("section", null, h("h2", null, "Used by macros"), linkList(store, usedByMacros, "No macro in the index calls it.")) : null,
      code,
      meta),
  );
  store.detail(i).then(
    (d) => fillDetail(e.type, d, code, meta),
    (err: Error) => code.replaceChildren(h("p", { className: "error" }, err.message)),
  );
}

function fillDetail(type: string, d: SiteDetail, code: HTMLElement, meta: HTMLElement): void {
  const tabs: [string, string][] = [];
  if (d.raw) tabs.push([type === "macro" ? "Macro" : type === "seed" ? "Seed file" : "Source", d.raw]);
  if (d.compiled) tabs.push(["Compiled", d.compiled]);
  const pre = h("pre", { className: "sql" });
  const buttons = tabs.map(([label, text], k) =>
    h("button", {
      type: "button",
      className: k === tabs.length - 1 ? "tab active" : "tab",
      "data-tab": label.toLowerCase(),
      onclick: (ev) => {
        for (const b of buttons) b.classList.remove("active");
        (ev.currentTarget as HTMLElement).classList.add("active");
        pre.textContent = text;
      },
    }, label),
  );
  if (tabs.length) {
    pre.textContent = tabs[tabs.length - 1][1];
    const copy = h("button", { type: "button", className: "copy", onclick: () => void navigator.clipboard?.writeText(pre.textContent ?? "") }, "Copy");
    code.replaceChildren(h("h2", null, "Code"), h("div", { className: "tabs" }, ...buttons, copy), pre);
  } else code.replaceChildren();
  const info = Object.entries(d.info);
  const metaEntries = Object.entries(d.meta);
  meta.replaceChildren(
    ...(info.length ? [h("h2", null, "Configuration"), h("dl", { className: "details config" }, ...info.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, valueText(v))]))] : []),
    ...(metaEntries.length ? [h("h2", null, "Meta"), h("pre", { className: "meta" }, JSON.stringify(d.meta, null, 2))] : []),
  );
}
