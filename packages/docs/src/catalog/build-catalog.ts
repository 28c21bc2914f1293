import type { Adapter, Column, RelationRef } from "@tsdbt/adapter-api";
import type { Manifest } from "@tsdbt/core";
import { CATALOG_SCHEMA, type Catalog, type CatalogStat, type CatalogTable } from "./catalog-types";

/** The adapter calls the catalog needs: listing, columns and (for row counts) one query. */
export type CatalogSource = Pick<Adapter, "listRelations" | "getColumns" | "execute" | "dialect">;

/** Options of {@link buildCatalog}. */
export interface CatalogOptions {
  /** Count rows of tables (never views) when the project has at most this many tables (default 500; 0 turns counts off). */
  rowCountLimit?: number;
  /** Concurrent column/row-count requests (default 4). */
  concurrency?: number;
  invocationId?: string | null;
  dbtVersion?: string;
}

/** A relation the project owns or reads, and the catalog entry it becomes. */
interface Wanted {
  id: string;
  kind: "nodes" | "sources";
  database: string | null;
  schema: string;
  identifier: string;
}

/** The relations of the manifest that live in the warehouse: models, seeds, snapshots (not ephemeral) and sources. */
export function projectRelations(manifest: Manifest): Wanted[] {
  const out: Wanted[] = [];
  for (const n of Object.values(manifest.nodes)) {
    if (!["model", "seed", "snapshot"].includes(n.resource_type)) continue;
    if (n.config.materialized === "ephemeral" || n.config.enabled === false) continue;
    out.push({ id: n.unique_id, kind: "nodes", database: n.database, schema: n.schema, identifier: n.alias || n.name });
  }
  for (const s of Object.values(manifest.sources)) out.push({ id: s.unique_id, kind: "sources", database: s.database, schema: s.schema, identifier: s.identifier || s.name });
  return out;
}

const key = (db: string | null | undefined, schema: string) => `${(db ?? "").toLowerCase()}\u0000${schema.toLowerCase()}`;

/**
 * Builds catalog.json from adapter introspection, limited to the project's relations: one
 * `listRelations` per schema the project uses, then the columns of each relation found (and a
 * `count(*)` per table when the project is small enough for that to be cheap). Relations that
 * do not exist yet are left out, as dbt does; failures are collected in `errors`.
 */
export async function buildCatalog(manifest: Manifest, adapter: CatalogSource, options: CatalogOptions = {}): Promise<Catalog> {
  const wanted = projectRelations(manifest);
  const errors: string[] = [];
  const schemas = new Map<string, { database: string | null; schema: string }>();
  for (const w of wanted) schemas.set(key(w.database, w.schema), { database: w.database, schema: w.schema });
  const existing = new Map<string, RelationRef>();
  await forEach([...schemas.values()], options.concurrency ?? 4, async ({ database, schema }) => {
    try {
      for (const r of await adapter.listRelations(database, schema)) existing.set(`${key(database, schema)}\u0000${r.identifier.toLowerCase()}`, r);
    } catch (e) {
      errors.push(`Could not list the relations of ${database ? `${database}.` : ""}${schema}: ${(e as Error).message}`);
    }
  });
  const found = wanted.flatMap((w) => {
    const rel = existing.get(`${key(w.database, w.schema)}\u0000${w.identifier.toLowerCase()}`);
    return rel ? [{ w, rel }] : [];
  });
  const tables = found.filter((f) => f.rel.type !== "view").length;
  const countRows = tables > 0 && tables <= (options.rowCountLimit ?? 500);
  const catalog: Catalog = {
    metadata: {
      dbt_schema_version: CATALOG_SCHEMA,
      dbt_version: options.dbtVersion ?? manifest.metadata.dbt_version,
      generated_at: new Date().toISOString(),
      invocation_id: options.invocationId ?? manifest.metadata.invocation_id ?? null,
      env: {},
    },
    nodes: {},
    sources: {},
    errors: null,
  };
  const entries = new Map<string, CatalogTable>();
  await forEach(found, options.concurrency ?? 4, async ({ w, rel }) => {
    try {
      const columns = await adapter.getColumns(rel);
      const rows = countRows && rel.type !== "view" ? await rowCount(adapter, rel) : undefined;
      entries.set(w.id, catalogTable(w.id, rel, columns, rows));
    } catch (e) {
      errors.push(`Could not describe ${rel.schema}.${rel.identifier}: ${(e as Error).message}`);
    }
  });
  // insertion in manifest order keeps the file stable from run to run
  for (const { w } of found) {
    const entry = entries.get(w.id);
    if (entry) catalog[w.kind][w.id] = entry;
  }
  catalog.errors = errors.length ? errors.sort() : null;
  return catalog;
}

/** One catalog entry from a relation and its columns. */
export function catalogTable(id: string, rel: RelationRef, columns: Column[], rowCount?: number): CatalogTable {
  const stats: Record<string, CatalogStat> = {};
  if (rowCount !== undefined) {
    stats.row_count = { id: "row_count", label: "Row count", value: rowCount, include: true, description: "Rows in the table when the catalog was generated." };
  }
  stats.has_stats = { id: "has_stats", label: "Has stats?", value: rowCount !== undefined, include: false, description: "Whether the catalog holds statistics for this relation." };
  const cols: CatalogTable["columns"] = {};
  columns.forEach((c, i) => {
    cols[c.name] = { type: c.dataType, index: c.index ?? i + 1, name: c.name, comment: c.comment ?? null };
  });
  return {
    metadata: {
      type: rel.type === "view" ? "VIEW" : rel.type === "materialized_view" ? "MATERIALIZED VIEW" : "BASE TABLE",
      schema: rel.schema,
      name: rel.identifier,
      database: rel.database ?? null,
      comment: null,
      owner: null,
    },
    columns: cols,
    stats,
    unique_id: id,
  };
}

async function rowCount(adapter: CatalogSource, rel: RelationRef): Promise<number | undefined> {
  const q = adapter.dialect.quote;
  const name = [rel.database, rel.schema, rel.identifier].filter((p): p is string => Boolean(p)).map(q).join(".");
  const result = await adapter.execute(`select count(*) as n from ${name}`, { fetch: true });
  const value = result.rows[0] ? Object.values(result.rows[0])[0] : undefined;
  const n = typeof value === "bigint" ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

async function forEach<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}
