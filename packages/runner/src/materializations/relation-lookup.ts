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

/**
 * The relation as the warehouse has it, or null. Matches the identifier exactly, then
 * case-insensitively (engines that fold unquoted names).
 */
export async function findRelation(adapter: Adapter, relation: Relation): Promise<ExistingRelation | null> {
  const all = await adapter.listRelations(relation.database, relation.schema);
  const found =
    all.find((r) => r.identifier === relation.identifier) ??
    all.find((r) => r.identifier.toLowerCase() === relation.identifier.toLowerCase());
  if (!found) return null;
  return { ref: found, kind: found.type === "view" ? "view" : "table" };
}

/**
 * Drops what an interrupted build of `relation` may have left behind (its temp and backup
 * relations), so the next build starts clean.
 */
export async function dropLeftovers(adapter: Adapter, relation: Relation): Promise<void> {
  for (const suffix of [TEMP_SUFFIX, BACKUP_SUFFIX]) {
    const leftover = withSuffix(relation, suffix);
    const existing = await findRelation(adapter, leftover);
    if (existing) await adapter.execute(adapter.dialect.dropRelation(leftover.render(), existing.kind), { fetch: false });
  }
}

/** Column names and types of a relation (or query result) read through `executor`, so uncommitted relations are visible. */
export async function columnsOf(executor: SqlExecutor, adapter: Adapter, relation: Relation): Promise<{ name: string; type: string }[]> {
  const result = await executor.execute(adapter.dialect.limit(`select * from ${relation.render()}`, 0));
  return result.columns;
}
