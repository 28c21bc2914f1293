import type { Column } from "./column";

/**
 * The SQL text that differs between engines. Materializations build statements only
 * through a dialect, so one strategy serves every warehouse.
 */
export interface SqlDialect {
  /** node-sql-parser database name for parsing this engine's SQL. */
  readonly parserDialect: string;
  /** Quotes one identifier part. */
  quote(identifier: string): string;
  /** Renders a string literal. */
  literal(value: string): string;
  /** `create schema if not exists …`. */
  createSchema(database: string | null, schema: string): string;
  /** `create table … as (select)`. */
  createTableAs(relation: string, sql: string, options?: { temporary?: boolean }): string;
  /** `create view … as select`. */
  createViewAs(relation: string, sql: string): string;
  /** `create or replace table|view … as select` (used only when `capabilities.createOrReplace`). */
  createOrReplaceAs(kind: "table" | "view", relation: string, sql: string): string;
  /** `drop table|view if exists …` (with cascade where the engine needs it). */
  dropRelation(relation: string, type: "table" | "view"): string;
  /** `alter table|view … rename to <identifier>` (the new name is unqualified). */
  renameRelation(relation: string, type: "table" | "view", newIdentifier: string): string;
  /** `comment on …`, or null when unsupported. */
  commentOn(kind: "table" | "view" | "column", target: string, comment: string): string | null;
  /** `alter table … add column …`. */
  addColumn(relation: string, column: Column): string;
  /** `alter table … drop column …`. */
  dropColumn(relation: string, column: string): string;
  /** Type of the current timestamp expression. */
  currentTimestamp(): string;
  /** SQL type names for seed columns by inferred kind. */
  typeFor(kind: "integer" | "float" | "boolean" | "date" | "timestamp" | "text"): string;
  /** Wraps a query to return at most `limit` rows. */
  limit(sql: string, limit: number): string;
  /** `alter table … alter column … type …` (on_schema_change: sync_all_columns). */
  alterColumnType(relation: string, column: string, dataType: string): string;
  /** SQL type for whole numbers beyond the 32-bit range (seed inference). */
  bigintType(): string;
}

/** Builds a dialect from overrides on top of ANSI-flavoured defaults with double-quote quoting. */
export function defineDialect(overrides: Partial<SqlDialect> & Pick<SqlDialect, "parserDialect">): SqlDialect {
  const quote = overrides.quote ?? ((id: string) => `"${id.replace(/"/g, '""')}"`);
  const base: SqlDialect = {
    parserDialect: overrides.parserDialect,
    quote,
    literal: (v) => `'${v.replace(/'/g, "''")}'`,
    createSchema: (db, schema) => `create schema if not exists ${db ? `${quote(db)}.` : ""}${quote(schema)}`,
    createTableAs: (rel, sql, o) => `create ${o?.temporary ? "temporary " : ""}table ${rel} as (\n${sql}\n)`,
    createViewAs: (rel, sql) => `create view ${rel} as (\n${sql}\n)`,
    createOrReplaceAs: (kind, rel, sql) => `create or replace ${kind} ${rel} as (\n${sql}\n)`,
    dropRelation: (rel, type) => `drop ${type} if exists ${rel} cascade`,
    renameRelation: (rel, type, id) => `alter ${type} ${rel} rename to ${quote(id)}`,
    commentOn: (kind, target, comment) => `comment on ${kind} ${target} is '${comment.replace(/'/g, "''")}'`,
    addColumn: (rel, c) => `alter table ${rel} add column ${quote(c.name)} ${c.dataType}`,
    dropColumn: (rel, c) => `alter table ${rel} drop column ${quote(c)}`,
    currentTimestamp: () => "current_timestamp",
    typeFor: (k) => ({ integer: "integer", float: "double precision", boolean: "boolean", date: "date", timestamp: "timestamp", text: "text" })[k],
    limit: (sql, n) => `select * from (\n${sql}\n) as tsdbt_limited limit ${n}`,
    alterColumnType: (rel, c, type) => `alter table ${rel} alter column ${quote(c)} type ${type}`,
    bigintType: () => "bigint",
  };
  return { ...base, ...overrides, quote };
}
