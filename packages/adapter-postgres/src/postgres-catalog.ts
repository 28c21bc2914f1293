import type { Column, RelationRef } from "@tsdbt/adapter-api";
import { postgresDialect } from "./postgres-dialect";

/* Catalog queries inline their (escaped) names instead of using parameters, so they travel as
   one simple-protocol message, which every server (PGlite's socket included) handles. */

const lit = postgresDialect.literal;

/** SQL listing the tables, views, materialized views and foreign tables of a schema (exact, case-sensitive name). */
export function relationsQuery(schema: string, names?: string[]): string {
  const only = names ? ` and c.relname in (${names.length ? names.map(lit).join(", ") : "null"})` : "";
  return `select n.nspname as schema_name, c.relname as name, c.relkind as kind
from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = ${lit(schema)} and c.relkind in ('r', 'p', 'v', 'm', 'f')${only}
order by c.relname`;
}

/** Relations of {@link relationsQuery}'s rows. */
export function relationsFrom(rows: Record<string, unknown>[], database: string): RelationRef[] {
  return rows.map((row) => ({
    database,
    schema: String(row.schema_name),
    identifier: String(row.name),
    type: row.kind === "v" ? "view" : row.kind === "m" ? "materialized_view" : row.kind === "f" ? "external" : "table",
  }));
}

/** SQL listing a relation's columns in order with PostgreSQL's type names, comments and nullability. */
export function columnsQuery(schema: string, identifier: string): string {
  return `${COLUMNS_SELECT}
where n.nspname = ${lit(schema)} and c.relname = ${lit(identifier)} and a.attnum > 0 and not a.attisdropped
order by a.attnum`;
}

/** The same for every table, view, materialized view and foreign table of a schema, with each row's `relation`. */
export function schemaColumnsQuery(schema: string): string {
  return `${COLUMNS_SELECT}
where n.nspname = ${lit(schema)} and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0 and not a.attisdropped
order by c.relname, a.attnum`;
}

const COLUMNS_SELECT = `select c.relname as relation, a.attname as name, pg_catalog.format_type(a.atttypid, a.atttypmod) as data_type, a.attnum as position,
  pg_catalog.col_description(c.oid, a.attnum) as comment, not a.attnotnull as nullable
from pg_catalog.pg_attribute a
join pg_catalog.pg_class c on c.oid = a.attrelid
join pg_catalog.pg_namespace n on n.oid = c.relnamespace`;

/** {@link schemaColumnsQuery}'s rows as each relation's columns. */
export function schemaColumnsFrom(rows: Record<string, unknown>[]): Map<string, Column[]> {
  const byRelation = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const name = String(row.relation);
    const list = byRelation.get(name);
    if (list) list.push(row);
    else byRelation.set(name, [row]);
  }
  return new Map([...byRelation].map(([name, list]) => [name, columnsFrom(list)]));
}

/** Columns of {@link columnsQuery}'s rows. */
export function columnsFrom(rows: Record<string, unknown>[]): Column[] {
  return rows.map((row) => ({
    name: String(row.name),
    dataType: String(row.data_type),
    index: Number(row.position),
    comment: row.comment === null || row.comment === undefined ? null : String(row.comment),
    nullable: row.nullable === true,
  }));
}

/** SQL listing the schemas of the connected database. */
export const SCHEMAS_QUERY = "select nspname as name from pg_catalog.pg_namespace order by nspname";
