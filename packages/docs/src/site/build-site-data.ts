import type { GraphMember, Manifest, ManifestNode } from "@tsdbt/core";
import type { Catalog, CatalogTable } from "../catalog/catalog-types";
import type { EntryType, SiteColumn, SiteDetail, SiteEntry, SiteIndex } from "../shared/site-data";
import type { ColumnLineageFile } from "./column-lineage-file";

/** The site's data: the index and one detail per entry, in the same order. */
export interface SiteData {
  index: SiteIndex;
  details: SiteDetail[];
}

/** Options of {@link buildSiteData}. */
export interface SiteDataOptions {
  catalog?: Catalog;
  columnLineage?: ColumnLineageFile;
  /** Entries per detail chunk (default 200). */
  chunkSize?: number;
}

const CONFIG_KEYS = ["materialized", "schema", "database", "alias", "unique_key", "incremental_strategy", "on_schema_change", "strategy", "severity", "store_failures", "full_refresh", "contract", "persist_docs", "group", "access"];

/**
 * Projects the manifest (plus catalog and column lineage) onto the site's data: one entry per
 * node, source, exposure and macro, with graph edges and column tests as indexes.
 */
export function buildSiteData(manifest: Manifest, options: SiteDataOptions = {}): SiteData {
  const members: (GraphMember | Manifest["macros"][string])[] = [
    ...Object.values(manifest.nodes),
    ...Object.values(manifest.sources),
    ...Object.values(manifest.exposures),
    ...Object.values(manifest.macros),
  ];
  const indexOf = new Map<string, number>();
  members.forEach((m, i) => indexOf.set(m.unique_id, i));
  const catalogOf = (id: string): CatalogTable | undefined => options.catalog?.nodes[id] ?? options.catalog?.sources[id];
  const entries: SiteEntry[] = [];
  const details: SiteDetail[] = [];
  for (const m of members) {
    const { entry, detail } = m.resource_type === "macro" ? macroEntry(m, indexOf) : memberEntry(m as GraphMember, indexOf, catalogOf(m.unique_id));
    entries.push(entry);
    details.push(detail);
  }
  // generic tests attach to their column
  entries.forEach((e, i) => {
    if (e.type !== "test" || e.attached === undefined) return;
    const target = entries[e.attached];
    const col = e.column ? target.cols.find((c) => c.name.toLowerCase() === e.column!.toLowerCase()) : undefined;
    if (col) col.tests.push(i);
  });
  if (options.columnLineage) {
    for (const [id, model] of Object.entries(options.columnLineage.models ?? {})) {
      const at = indexOf.get(id);
      if (at === undefined || !model?.columns) continue;
      const lineage: NonNullable<SiteEntry["lineage"]> = {};
      for (const [col, info] of Object.entries(model.columns)) {
        lineage[col] = (info?.upstream ?? []).map((u) => {
          const how = u.transformations?.[0]?.subtype;
          return how ? [indexOf.get(u.node) ?? u.node, u.column, how] : [indexOf.get(u.node) ?? u.node, u.column];
        });
      }
      entries[at].lineage = lineage;
    }
  }
  const chunkSize = options.chunkSize ?? 200;
  return {
    index: {
      project: manifest.metadata.project_name ?? "",
      generatedAt: manifest.metadata.generated_at,
      adapter: manifest.metadata.adapter_type,
      chunkSize,
      chunkCount: Math.ceil(entries.length / chunkSize),
      hasColumnLineage: Boolean(options.columnLineage),
      entries,
    },
    details,
  };
}

function memberEntry(m: GraphMember, indexOf: Map<string, number>, catalog: CatalogTable | undefined): { entry: SiteEntry; detail: SiteDetail } {
  const node = m.resource_type === "source" || m.resource_type === "exposure" ? undefined : (m as ManifestNode);
  const parents = m.resource_type === "source" ? [] : (m as ManifestNode).depends_on.nodes.map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined);
  const macros = m.resource_type === "source" ? [] : (m.depends_on.macros ?? []).map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined);
  const entry: SiteEntry = {
    id: m.unique_id,
    type: m.resource_type as EntryType,
    name: m.name,
    pkg: m.package_name,
    path: m.original_file_path,
    fqn: m.fqn,
    desc: m.description ?? "",
    db: "database" in m ? m.database : null,
    schema: "schema" in m ? m.schema : null,
    rel: m.resource_type === "source" ? m.identifier : node && ["model", "seed", "snapshot"].includes(node.resource_type) && node.config.materialized !== "ephemeral" ? node.alias : null,
    mat: m.resource_type === "source" ? m.loader || null : m.resource_type === "exposure" ? m.type : (node?.config.materialized ?? null),
    tags: m.tags ?? [],
    cols: "columns" in m ? columnsOf(m.columns, catalog) : [],
    parents,
    macros,
  };
  if (node?.resource_type === "test") {
    const attached = node.attached_node ?? (node.depends_on.nodes.length === 1 ? node.depends_on.nodes[0] : undefined);
    if (attached && indexOf.has(attached)) entry.attached = indexOf.get(attached);
    entry.column = node.column_name ?? null;
    if (node.test_metadata) entry.testName = node.test_metadata.name;
  }
  if (node && node.docs && node.docs.show === false) entry.hidden = true;
  if (catalog) {
    entry.relType = catalog.metadata.type;
    const stats = Object.values(catalog.stats).filter((s) => s.include).map((s): [string, string | number | boolean | null] => [s.label, s.value]);
    if (stats.length) entry.stats = stats;
  }
  const info: Record<string, unknown> = {};
  if (node) {
    for (const k of CONFIG_KEYS) {
      const v = node.config[k];
      if (v !== undefined && v !== null && !(typeof v === "object" && Object.keys(v as object).length === 0)) info[k] = v;
    }
    if (node.access) info.access = node.access;
    if (node.version !== undefined && node.version !== null) info.version = node.version;
    if (node.relation_name) info.relation = node.relation_name;
    if (node.test_metadata) info.test = { name: node.test_metadata.name, kwargs: node.test_metadata.kwargs };
  } else if (m.resource_type === "source") {
    Object.assign(info, { source: m.source_name, loader: m.loader || undefined, relation: m.relation_name, loaded_at_field: m.loaded_at_field ?? undefined, freshness: m.freshness ?? undefined });
    if (m.source_description) info.source_description = m.source_description;
  } else if (m.resource_type === "exposure") {
    Object.assign(info, { type: m.type, owner: m.owner, url: m.url ?? undefined, maturity: m.maturity ?? undefined, label: m.label ?? undefined });
  }
  for (const k of Object.keys(info)) if (info[k] === undefined) delete info[k];
  return {
    entry,
    detail: { raw: node?.raw_code ?? "", compiled: node?.compiled_code ?? null, meta: m.meta ?? {}, info },
  };
}

function macroEntry(m: Manifest["macros"][string], indexOf: Map<string, number>): { entry: SiteEntry; detail: SiteDetail } {
  const args = (m.arguments ?? []) as { name?: string; type?: string | null; description?: string }[];
  return {
    entry: {
      id: m.unique_id,
      type: "macro",
      name: m.name,
      pkg: m.package_name,
      path: m.original_file_path,
      fqn: [m.package_name, m.name],
      desc: m.description ?? "",
      db: null,
      schema: null,
      rel: null,
      mat: null,
      tags: [],
      cols: args.map((a) => ({ name: String(a.name ?? ""), desc: a.description ?? "", type: a.type ?? "", tests: [] })),
      parents: [],
      macros: (m.depends_on.macros ?? []).map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined),
      ...(m.docs && m.docs.show === false ? { hidden: true } : {}),
    },
    detail: { raw: m.macro_sql, compiled: null, meta: m.meta ?? {}, info: {} },
  };
}

/** Catalog columns in warehouse order, merged with the documented ones (documented-only columns last). */
function columnsOf(documented: Record<string, { name: string; description: string; data_type: string | null }>, catalog: CatalogTable | undefined): SiteColumn[] {
  const docs = new Map<string, { name: string; description: string; data_type: string | null }>();
  for (const c of Object.values(documented ?? {})) docs.set(c.name.toLowerCase(), c);
  const out: SiteColumn[] = [];
  const seen = new Set<string>();
  const fromCatalog = catalog ? Object.values(catalog.columns).sort((a, b) => a.index - b.index) : [];
  for (const c of fromCatalog) {
    const doc = docs.get(c.name.toLowerCase());
    seen.add(c.name.toLowerCase());
    out.push({ name: doc?.name ?? c.name, desc: doc?.description || c.comment || "", type: c.type, tests: [] });
  }
  for (const [k, c] of docs) if (!seen.has(k)) out.push({ name: c.name, desc: c.description ?? "", type: c.data_type ?? "", tests: [] });
  return out;
}
