import type { DuckDBConnection } from "@duckdb/node-api";
import type { Column, RelationRef } from "@tsdbt/adapter-api";
import { toPlainValue } from "./duckdb-values";

/* DuckDB resolves names case-insensitively, so the catalog is searched the same way. */

/** Tables and views of one schema, as stored (original case). */
export async function queryRelations(connection: DuckDBConnection, database: string, schema: string): Promise<RelationRef[]> {
  const rows = await select(
    connection,
    `select database_name, schema_name, table_name as name, 'table' as kind from duckdb_tables()
       where lower(database_name) = lower($1) and lower(schema_name) = lower($2) and not temporary
     union all
     select database_name, schema_name, view_name, 'view' from duckdb_views()
       where lower(database_name) = lower($1) and lower(schema_name) = lower($2) and not internal and not temporary
     order by name`,
    [database, schema],
  );
  return rows.map(([db, sch, name, kind]) => ({
    database: String(db),
    schema: String(sch),
    identifier: String(name),
    type: kind === "view" ? "view" : "table",
  }));
}

/** The tables and views of one schema whose names are among `names` (case-insensitively). */
export async function queryNamedRelations(connection: DuckDBConnection, database: string, schema: string, names: string[]): Promise<RelationRef[]> {
  if (names.length === 0) return [];
  const list = names.map((_, i) => `lower($${i + 3})`).join(", ");
  const rows = await select(
    connection,
    `select database_name, schema_name, table_name as name, 'table' as kind from duckdb_tables()
       where lower(database_name) = lower($1) and lower(schema_name) = lower($2) and lower(table_name) in (${list}) and not temporary
     union all
     select database_name, schema_name, view_name, 'view' from duckdb_views()
       where lower(database_name) = lower($1) and lower(schema_name) = lower($2) and lower(view_name) in (${list}) and not internal and not temporary`,
    [database, schema, ...names],
  );
  return rows.map(([db, sch, name, kind]) => ({ database: String(db), schema: String(sch), identifier: String(name), type: kind === "view" ? "view" : "table" }));
}

/** Columns of a table or view in ordinal order; empty when it does not exist. */
export async function queryColumns(connection: DuckDBConnection, database: string, schema: string, identifier: string): Promise<Column[]> {
  const rows = await select(
    connection,
    `select column_name, data_type, column_index, comment, is_nullable from duckdb_columns()
       where lower(database_name) = lower($1) and lower(schema_name) = lower($2) and lower(table_name) = lower($3)
       order by column_index`,
    [database, schema, identifier],
  );
  return rows.map(([name, dataType, index, comment, nullable]) => ({
    name: String(name),
    dataType: String(dataType),
    index: Number(index),
    comment: comment === null ? null : String(comment),
    nullable: nullable === true,
  }));
}

/** Schema names of one database. */
export async function querySchemas(connection: DuckDBConnection, database: string): Promise<string[]> {
  const rows = await select(
    connection,
    `select schema_name from duckdb_schemas() where lower(database_name) = lower($1) order by schema_name`,
    [database],
  );
  return rows.map(([name]) => String(name));
}

async function select(connection: DuckDBConnection, sql: string, params: string[]): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRows().map((row) => row.map(toPlainValue));
}
