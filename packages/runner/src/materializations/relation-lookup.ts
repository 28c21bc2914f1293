import type { Adapter, Relation, RelationRef } from "@tsdbt/adapter-api";
import type { SqlExecutor } from "./build-context";

/** Suffix of the relation a build writes before swapping it in. */
export const TEMP_SUFFIX = "__tsdbt_tmp";
/** Suffix the previous relation carries for the instant of a swap. */
export const BACKUP_SUFFIX = "__tsdbt_backup";

/** The kind of DDL a relation needs (`drop view` vs `drop table`). */
export type DdlKind = "table" | "view";

/** A relation that exists in the warehouse, with the kind of DDL it takes. */
export interface ExistingRelation {
  ref: RelationRef;
  kind: DdlKind;
}

/** `relation` with `suffix` appended to its identifier. */
export function withSuffix(relation: Relation, suffix: string): Relation {
  return relation.incorporate({ path: { identifier: `${relation.identifier}${suffix}` } });
}

function match(all: RelationRef[], identifier: string): ExistingRelation | null {
  const found = all.find((r) => r.identifier === identifier) ?? all.find((r) => r.identifier.toLowerCase() === identifier.toLowerCase());
  return found ? { ref: found, kind: found.type === "view" ? "view" : "table" } : null;
}

/**
 * The relation as the warehouse has it, or null. Matches the identifier exactly, then
 * case-insensitively (engines that fold unquoted names).
 */
export async function findRelation(adapter: Adapter, relation: Relation): Promise<ExistingRelation | null> {
  return match(await adapter.listRelations(relation.database, relation.schema), relation.identifier);
}

/**
 * The relations of each schema as they were when the run first looked, per run (keyed by the
 * run's adapter). A run builds each relation once and only its own node touches it, so the
 * first listing answers every node's "what is there before I build" — one catalog query per
 * schema instead of one per node.
 */
const schemaListings = new WeakMap<Adapter, Map<string, Promise<RelationRef[]>>>();

function relationsAtStart(adapter: Adapter, database: string | null, schema: string): Promise<RelationRef[]> {
  let listings = schemaListings.get(adapter);
  if (!listings) schemaListings.set(adapter, (listings = new Map()));
  const key = `${database ?? ""}\u0000${schema}`;
  let listing = listings.get(key);
  if (!listing) {
    listing = adapter.listRelations(database, schema);
    listing.catch(() => listings!.delete(key));
    listings.set(key, listing);
  }
  return listing;
}

/**
 * Drops what an interrupted build of `relation` may have left behind (its temp and backup
 * relations), so the next build starts clean, and returns the relation itself as it existed
 * when the run started (or null).
 */
export async function clearLeftovers(adapter: Adapter, relation: Relation): Promise<ExistingRelation | null> {
  const all = await relationsAtStart(adapter, relation.database, relation.schema);
  for (const suffix of [TEMP_SUFFIX, BACKUP_SUFFIX]) {
    const leftover = withSuffix(relation, suffix);
    const existing = match(all, leftover.identifier);
    if (existing) await adapter.execute(adapter.dialect.dropRelation(leftover.render(), existing.kind), { fetch: false });
  }
  return match(all, relation.identifier);
}

/** Column names and types of a relation (or query result) read through `executor`, so uncommitted relations are visible. */
export async function columnsOf(executor: SqlExecutor, adapter: Adapter, relation: Relation): Promise<{ name: string; type: string }[]> {
  const result = await executor.execute(adapter.dialect.limit(`select * from ${relation.render()}`, 0));
  return result.columns;
}
