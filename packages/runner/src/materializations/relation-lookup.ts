import { BACKUP_SUFFIX, suffixedIdentifier, TEMP_SUFFIX, type Adapter, type Relation, type RelationRef } from "@tsdbt/adapter-api";
import type { SqlExecutor } from "./build-context";

// The suffixes live in adapter-api, where core reads them to check identifier lengths at parse.
export { BACKUP_SUFFIX, TEMP_SUFFIX };

/** The kind of DDL a relation needs (`drop view` vs `drop table`). */
export type DdlKind = "table" | "view";

/** A relation that exists in the warehouse, with the kind of DDL it takes. */
export interface ExistingRelation {
  ref: RelationRef;
  kind: DdlKind;
}

/**
 * `relation` with `suffix` appended to its identifier, shortened (with a hash) when the result
 * would exceed the engine's identifier limit `maxBytes` (see {@link suffixedIdentifier}).
 */
export function withSuffix(relation: Relation, suffix: string, maxBytes: number | undefined): Relation {
  return relation.incorporate({ path: { identifier: suffixedIdentifier(relation.identifier, suffix, maxBytes) } });
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
 * Drops what an interrupted build of `relation` may have left behind (its temp and backup
 * relations), so the next build starts clean, and returns the relation itself as it exists
 * (or null). One catalog query, for those three names only where the adapter can filter.
 */
export async function clearLeftovers(adapter: Adapter, relation: Relation): Promise<ExistingRelation | null> {
  const limit = adapter.dialect.maxIdentifierBytes;
  const names = [relation.identifier, ...[TEMP_SUFFIX, BACKUP_SUFFIX].map((suffix) => withSuffix(relation, suffix, limit).identifier)];
  const all = adapter.findRelations ? await adapter.findRelations(relation.database, relation.schema, names) : await adapter.listRelations(relation.database, relation.schema);
  for (const suffix of [TEMP_SUFFIX, BACKUP_SUFFIX]) {
    const leftover = withSuffix(relation, suffix, limit);
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
