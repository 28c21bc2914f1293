import type { QueryResult } from "@tsdbt/adapter-api";
import type { Connection, RowStatement } from "snowflake-sdk";
import { SnowflakeStatementError } from "./snowflake-errors";
import { plainValue, typeName, type DriverColumn } from "./snowflake-values";

/** Options of {@link runStatement}. */
export interface StatementOptions {
  fetch?: boolean;
  limit?: number;
  /** Positional binds (`?`); rows of binds for a batched insert. */
  binds?: unknown[] | unknown[][];
  /** The statement's QUERY_TAG (sent as a statement parameter; the session is left alone). */
  queryTag?: string | null;
  /** Called with the running statement, so it can be cancelled. */
  onStart?: (statement: RowStatement) => void;
}

/**
 * Sends one statement to Snowflake (one statement per request: the text is never split) and
 * reads its rows as plain JavaScript objects; repeated column names get `_1`, `_2` suffixes.
 * DML reports the rows it changed. Errors keep Snowflake's message and code.
 */
export function runStatement(connection: Connection, sql: string, options: StatementOptions = {}): Promise<QueryResult> {
  const { fetch = true, limit } = options;
  return new Promise((resolve, reject) => {
    const statement = connection.execute({
      sqlText: sql,
      ...(options.binds ? { binds: options.binds as never } : {}),
      ...(options.queryTag ? { parameters: { QUERY_TAG: options.queryTag } } : {}),
      rowMode: "array",
      fetchAsString: ["Number"],
      complete: (error, stmt, rows) => {
        if (error) {
          const e = error as Error & { code?: unknown; sqlState?: unknown };
          reject(new SnowflakeStatementError(e.message, e.code === undefined ? undefined : String(e.code).padStart(6, "0"), e.sqlState === undefined ? undefined : String(e.sqlState)));
          return;
        }
        const updated = stmt.getNumUpdatedRows();
        const rowsAffected = typeof updated === "number" && isDml(sql) ? updated : null;
        const columns = (stmt.getColumns() ?? []) as unknown as DriverColumn[];
        if (!fetch || columns.length === 0) {
          resolve({ columns: [], rows: [], rowsAffected });
          return;
        }
        const names = deduplicate(columns.map((c) => c.getName()));
        const source = (rows ?? []) as unknown[][];
        const kept = limit === undefined ? source : source.slice(0, limit);
        const out = kept.map((values) => {
          const row: Record<string, unknown> = {};
          for (let c = 0; c < names.length; c++) row[names[c]!] = plainValue(values[c], columns[c]!);
          return row;
        });
        resolve({ columns: names.map((name, i) => ({ name, type: typeName(columns[i]!) })), rows: out, rowsAffected });
      },
    }) as RowStatement;
    options.onStart?.(statement);
  });
}

/** Statements whose updated-row count means rows written (a CTAS reports none). */
function isDml(sql: string): boolean {
  return /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(insert|update|delete|merge)\b/i.test(sql);
}

function deduplicate(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}_${count}`;
  });
}
