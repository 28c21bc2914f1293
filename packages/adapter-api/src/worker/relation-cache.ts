import type { RelationRef } from "../relation";

/** First keywords of statements that never create, drop, rename or alter a relation. */
const CATALOG_NEUTRAL = new Set(["select", "with", "insert", "update", "delete", "merge", "show", "describe", "desc", "explain", "values", "set", "grant", "revoke", "comment", "use", "commit"]);

/** Transaction starts, which change nothing by themselves (a BigQuery `begin … end` script block does). */
const TRANSACTION_START = /^(?:begin|start)(?:\s+(?:transaction|work))?\s*;?\s*$/i;

/**
 * Whether `sql` may change which relations exist: anything but a single statement known to
 * leave the catalog alone (queries, DML, grants, transaction control). Unknown statements,
 * several statements in one string and rollbacks count as changes, so the cache errs towards
 * asking the warehouse again.
 */
export function mayChangeCatalog(sql: string): boolean {
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, "").replace(/[\s;]+$/, "");
  if (text.includes(";")) return true;
  if (TRANSACTION_START.test(text)) return false;
  const keyword = /^[a-z]+/i.exec(text)?.[0].toLowerCase() ?? "";
  return !CATALOG_NEUTRAL.has(keyword);
}

/**
 * The relations of each schema listed once and kept until a statement that may change the
 * catalog runs, so templates that call `adapter.get_relation` for every model cost one catalog
 * query per schema (on Snowflake a `show objects`, on BigQuery an API call) instead of one each.
 * A listing that was in flight while the catalog changed is not kept.
 */
export class RelationCache {
  private readonly lists = new Map<string, Promise<RelationRef[]>>();
  private generation = 0;

  /** The schema's relations: the cached listing, or `load`'s (then cached). */
  list(database: string | null, schema: string, load: () => Promise<RelationRef[]>): Promise<RelationRef[]> {
    const key = `${database ?? ""}\0${schema}`;
    const cached = this.lists.get(key);
    if (cached) return cached;
    const generation = this.generation;
    const listing = load();
    this.lists.set(key, listing);
    listing.then(
      () => {
        if (this.generation !== generation && this.lists.get(key) === listing) this.lists.delete(key);
      },
      () => {
        if (this.lists.get(key) === listing) this.lists.delete(key);
      },
    );
    return listing;
  }

  /** The cached listing of a schema, if there is one. */
  cached(database: string | null, schema: string): Promise<RelationRef[]> | undefined {
    return this.lists.get(`${database ?? ""}\0${schema}`);
  }

  /** Forgets every listing: the catalog may have changed. */
  invalidate(): void {
    this.generation++;
    this.lists.clear();
  }
}
