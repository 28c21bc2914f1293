import type { RelationConfig } from "./dialect";

/** The settings of a dynamic table that can change without new SQL (`target_lag`, `warehouse`, `refresh_mode`). */
export type DynamicTableSettings = Readonly<Record<string, string>>;

/** The dynamic table a statement names. */
export interface DynamicTableTarget {
  /** The rendered, quoted name. */
  relation: string;
  database: string | null;
  schema: string;
  identifier: string;
}

/**
 * How an engine builds and maintains a table that refreshes itself from its query (Snowflake's
 * dynamic tables), for `materialized: dynamic_table`.
 */
export interface DynamicTableDialect {
  /** `create or replace dynamic table …` with the settings of `config`. Throws an `AdapterError` when a required setting is missing. */
  create(relation: string, sql: string, config: RelationConfig): string;
  /** The settings `config` asks for; only these are compared with the table's. Throws like {@link create}. */
  wanted(config: RelationConfig): DynamicTableSettings;
  /** A query describing the existing dynamic table (no row when the relation is not one). */
  describe(target: DynamicTableTarget): string;
  /** The settings in the rows of {@link describe}, or null when there is no row. */
  read(rows: readonly Record<string, unknown>[]): DynamicTableSettings | null;
  /** Statements applying `changes` in place, or null when one of them needs the table rebuilt. */
  alter(relation: string, changes: DynamicTableSettings): string[] | null;
  /** The statement refreshing the table now. */
  refresh(relation: string): string;
}
