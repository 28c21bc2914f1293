import type { Column, QueryResult, RelationRef } from "@tsdbt/adapter-api";

/**
 * Synchronous warehouse access for templates (`run_query`, `statement`, introspection).
 * Backed by the adapter worker bridge; absent while parsing or compiling offline.
 */
export interface SyncWarehouse {
  type: string;
  executeSync(sql: string, options?: { fetch?: boolean; limit?: number }): QueryResult;
  getColumnsSync(relation: RelationRef): Column[];
  listRelationsSync(database: string | null, schema: string): RelationRef[];
}

/** A row of a query result: readable by position (`row[0]`) and by column name (`row.id`, `row['id']`). */
export type ResultRow = unknown[] & Record<string, unknown>;

/**
 * A query result shaped like the agate table dbt hands templates: iterable rows,
 * `rows`, `columns` (each with `name` and `values()`), `column_names`, `print_table()`.
 */
export function agateTable(result: QueryResult): ResultRow[] & Record<string, unknown> {
  const names = result.columns.map((c) => c.name);
  const rows = result.rows.map((r) => {
    const row = names.map((n) => r[n]) as ResultRow;
    for (const n of names) if (!(n in Array.prototype)) row[n] = r[n];
    return row;
  });
  const table = [...rows] as ResultRow[] & Record<string, unknown>;
  table.rows = rows;
  table.column_names = names;
  table.column_types = result.columns.map((c) => c.type);
  table.columns = names.map((name, i) => ({ name, data_type: result.columns[i].type, values: () => rows.map((r) => r[i]) }));
  table.print_table = () => "";
  return table;
}
