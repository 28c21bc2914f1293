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
 * One column of a query result (`results.columns[0].values()`). A class, not a plain object:
 * templates treat plain objects as Python dicts, whose `values()` would shadow this one.
 */
export class AgateColumn {
  constructor(
    readonly name: string,
    readonly data_type: string,
    private readonly cells: unknown[],
  ) {}
  values(): unknown[] {
    return this.cells;
  }
  values_without_nulls(): unknown[] {
    return this.cells.filter((v) => v !== null && v !== undefined);
  }
}

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
  table.columns = names.map((name, i) => new AgateColumn(name, result.columns[i].type, rows.map((r) => r[i])));
  table.print_table = () => "";
  return table;
}
