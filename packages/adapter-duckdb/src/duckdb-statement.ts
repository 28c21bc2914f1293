import { ResultReturnType, type DuckDBConnection, type DuckDBResult, type DuckDBValue } from "@duckdb/node-api";
import type { ExecuteOptions, QueryResult } from "@tsdbt/adapter-api";
import { toPlainValue } from "./duckdb-values";

/**
 * Runs one SQL text (several `;`-separated statements are allowed; the last one's result is
 * returned) on a connection and reads its rows as plain JavaScript. With `limit`, the result is
 * streamed and reading stops once that many rows have arrived.
 */
export async function runStatement(connection: DuckDBConnection, sql: string, options: ExecuteOptions = {}): Promise<QueryResult> {
  const { fetch = true, limit } = options;
  const streaming = fetch && limit !== undefined;
  const result = streaming ? await connection.stream(sql) : await connection.run(sql);
  const rowsAffected = result.returnType === ResultReturnType.CHANGED_ROWS ? result.rowsChanged : null;
  if (!fetch || result.returnType !== ResultReturnType.QUERY_RESULT) return { columns: [], rows: [], rowsAffected };
  const names = result.deduplicatedColumnNames();
  const columns = names.map((name, index) => ({ name, type: result.columnType(index).toString() }));
  const decimals = columns.map((c) => /^DECIMAL\b/i.test(c.type));
  const decimalTexts: Record<string, (string | null)[]> = {};
  names.forEach((name, c) => decimals[c] && (decimalTexts[name] = []));
  const rows = await readRows(result, names, limit ?? Number.POSITIVE_INFINITY, (c, value) => {
    if (decimals[c]) decimalTexts[names[c]].push(value === null ? null : String(value));
  });
  return { columns, rows, rowsAffected, ...(decimals.some(Boolean) ? { decimalTexts } : {}) };
}

async function readRows(result: DuckDBResult, names: string[], limit: number, seen: (column: number, value: DuckDBValue) => void): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  while (rows.length < limit) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const take = Math.min(chunk.rowCount, limit - rows.length);
    const values: DuckDBValue[][] = chunk.getRows();
    for (let r = 0; r < take; r++) {
      const source = values[r];
      const row: Record<string, unknown> = {};
      for (let c = 0; c < names.length; c++) {
        seen(c, source[c]);
        row[names[c]] = toPlainValue(source[c]);
      }
      rows.push(row);
    }
  }
  return rows;
}
