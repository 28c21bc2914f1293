import type { QueryResult } from "@tsdbt/adapter-api";
import { PY_REPR } from "@tsdbt/jinja";

/**
 * dbt's AdapterResponse (`load_result('x')['response']`, the first item of `adapter.execute`):
 * prints as its message (`SELECT 1`), with `code` and `rows_affected`.
 */
export class AdapterResponse {
  constructor(
    readonly _message: string,
    readonly code: string | null,
    readonly rows_affected: number | null,
  ) {}
  toString(): string {
    return this._message;
  }
  [PY_REPR](): string {
    return `AdapterResponse(_message=${JSON.stringify(this._message)}, code=${JSON.stringify(this.code)}, rows_affected=${this.rows_affected ?? "None"})`;
  }
}

const COMMENTS = String.raw`(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*`;

/**
 * The response for a statement: the code is the statement's first keyword (`SELECT`, `CREATE`),
 * as PostgreSQL's command tag (of the last statement when the text holds several, as the server
 * answers: `create table …; insert …` is an INSERT); rows affected is what the engine reports,
 * else the rows returned.
 */
export function adapterResponse(sql: string, result: QueryResult): AdapterResponse {
  const later = [...sql.matchAll(new RegExp(String.raw`;\s*${COMMENTS}([A-Za-z]+)`, "g"))].pop()?.[1];
  const keyword = (later ?? new RegExp(String.raw`^\s*${COMMENTS}([A-Za-z]+)`).exec(sql)?.[1])?.toUpperCase() ?? "OK";
  const rows = result.rowsAffected ?? result.rows.length;
  return new AdapterResponse(`${keyword} ${rows}`, keyword, rows);
}
