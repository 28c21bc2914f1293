import type { Column } from "../column";
import type { RelationRef } from "../relation";

/**
 * First keywords of statements that never create, drop, rename or alter a relation. (`commit` is
 * not one: it shows other connections what the transaction created.)
 */
const CATALOG_NEUTRAL = new Set(["select", "with", "insert", "update", "delete", "merge", "show", "describe", "desc", "explain", "values", "set", "grant", "revoke", "comment", "use"]);

/** Transaction starts, which change nothing by themselves (a BigQuery `begin … end` script block does). */
const TRANSACTION_START = /^(?:begin|start)(?:\s+(?:transaction|work))?\s*;?\s*$/i;

/**
 * Whether `sql` may change which relations exist: anything but a single statement known to
 * leave the catalog alone (queries, DML, grants, transaction starts). Unknown statements,
 * several statements in one string, commits and rollbacks count as changes, so the cache errs towards
 * asking the warehouse again.
 */
export function mayChangeCatalog(sql: string): boolean {
  const text = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, "").replace(/[\s;]+$/, "");
  if (text.includes(";")) return true;
  if (TRANSACTION_START.test(text)) return false;
  const keyword = /^[a-z]+/i.exec(text)?.[0].toLowerCase() ?? "";
  return !CATALOG_NEUTRAL.has(keyword);
}

/** Relations of a schema whose columns are asked for, one by one, before the whole schema's are read at once. */
export const SCHEMA_READ_AFTER = 3;
/** A schema with more relations than this has its columns read one relation at a time. */
export const SCHEMA_READ_MAX_RELATIONS = 500;

/**
 * What the catalog said, kept until a statement that may change it runs: each schema's relations
 * (listed once, so templates that call `adapter.get_relation` for every model cost one catalog
 * query per schema — on Snowflake a `show objects`, on BigQuery an API call — instead of one each)
 * and each relation's columns (macros such as dbt_utils.star ask for the same relation's columns
 * many times). A read that was in flight while the catalog changed is not kept.
 */
export class CatalogCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  /** Per schema, relations whose columns were asked for since the catalog last changed. */
  private readonly asked = new Map<string, number>();
  private generation = 0;

  /** @param shared Slot 0 is raised at every invalidation, for threads that keep answers of their own ({@link CatalogGeneration}). */
  constructor(private readonly shared?: Int32Array) {}

  /** The schema's relations: the cached listing, or `load`'s (then cached). */
  relations(database: string | null, schema: string, load: () => Promise<RelationRef[]>): Promise<RelationRef[]> {
    return this.remember(relationsKey(database, schema), load);
  }

  /** The cached listing of a schema, if there is one. */
  cachedRelations(database: string | null, schema: string): Promise<RelationRef[]> | undefined {
    return this.entries.get(relationsKey(database, schema)) as Promise<RelationRef[]> | undefined;
  }

  /**
   * The relation's columns: none when the schema's current listing does not show the relation (a
   * compile before the first build asks for many such; a temporary table of another session is
   * invisible to the connection that would read its columns anyway), else the cached answer, or
   * `load`'s (then cached). With `loadSchema`, a listed schema's columns are read all at once when
   * templates ask for many of its relations (see {@link SCHEMA_READ_AFTER}).
   */
  async columns(relation: RelationRef, load: () => Promise<Column[]>, loadSchema?: () => Promise<Map<string, Column[]>>): Promise<Column[]> {
    const listed = relation.schema ? this.cachedRelations(relation.database ?? null, relation.schema) : undefined;
    if (!listed) return this.remember(columnsKey(relation), load);
    const relations = await listed;
    const wanted = relation.identifier.toLowerCase();
    if (!relations.some((r) => r.identifier.toLowerCase() === wanted)) return [];
    const key = columnsKey(relation);
    if (!this.entries.has(key) && loadSchema) {
      const whole = this.schemaColumns(relation.database ?? null, relation.schema!, relations.length, loadSchema);
      const found = whole && (await whole).get(relation.identifier);
      if (found) return found;
    }
    return this.remember(key, load);
  }

  /**
   * Every relation's columns in a listed schema, read in one query once {@link SCHEMA_READ_AFTER}
   * relations' columns have been asked for since the catalog last changed, if the schema has at most
   * {@link SCHEMA_READ_MAX_RELATIONS} relations; else undefined.
   */
  private schemaColumns(database: string | null, schema: string, relations: number, load: () => Promise<Map<string, Column[]>>): Promise<Map<string, Column[]>> | undefined {
    const key = `schemaColumns\0${database ?? ""}\0${schema}`;
    const cached = this.entries.get(key) as Promise<Map<string, Column[]>> | undefined;
    if (cached) return cached;
    const asked = (this.asked.get(key) ?? 0) + 1;
    this.asked.set(key, asked);
    if (asked < SCHEMA_READ_AFTER || relations > SCHEMA_READ_MAX_RELATIONS) return undefined;
    return this.remember(key, load);
  }

  /** Forgets everything: the catalog may have changed. */
  invalidate(): void {
    this.generation++;
    if (this.shared) Atomics.add(this.shared, 0, 1);
    this.entries.clear();
    this.asked.clear();
  }

  private remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) return cached as Promise<T>;
    const generation = this.generation;
    const reading = load();
    this.entries.set(key, reading);
    const forget = () => {
      if (this.entries.get(key) === reading) this.entries.delete(key);
    };
    reading.then(() => {
      if (this.generation !== generation) forget();
    }, forget);
    return reading;
  }
}

/** The cache key of a relation's columns. */
export function columnsKey(relation: RelationRef): string {
  return `columns\0${JSON.stringify([relation.database ?? null, relation.schema ?? null, relation.identifier, relation.quotePolicy ?? null])}`;
}

/** The cache key of a schema's listing. */
export function relationsKey(database: string | null, schema: string): string {
  return `relations\0${database ?? ""}\0${schema}`;
}

/**
 * Catalog answers a thread keeps for itself, valid while the adapter worker's {@link CatalogCache}
 * has not been invalidated since they were read (its generation, in shared memory): a repeated
 * read costs no round trip to the worker.
 */
export class CatalogGeneration {
  private readonly kept = new Map<string, { generation: number; value: unknown }>();
  private readonly current: Int32Array;

  constructor(shared: SharedArrayBuffer) {
    this.current = new Int32Array(shared);
  }

  /** The kept answer for `key`, or `read()`'s (kept unless the catalog changed while it was read). */
  read<T>(key: string, read: () => T): T {
    const generation = Atomics.load(this.current, 0);
    const kept = this.kept.get(key);
    if (kept && kept.generation === generation) return structuredClone(kept.value) as T;
    const value = read();
    this.kept.set(key, { generation, value: structuredClone(value) });
    return value;
  }
}
