import type { QueryResult } from "@tsdbt/adapter-api";
import { PY_REPR, pyRepr } from "@tsdbt/jinja";

/**
 * dbt's AdapterResponse (`load_result('x')['response']`, the first item of `adapter.execute`):
 * prints as its message (`SELECT 1`), with `code` and `rows_affected`.
 */
export class AdapterResponse {
  constructor(
    readonly _message: string,
    readonly code: string | null,
    readonly rows_affected: number | null,
    readonly query_id: string | null = null,
  ) {}
  toString(): string {
    return this._message;
  }
  [PY_REPR](): string {
    return `AdapterResponse(_message=${pyRepr(this._message)}, code=${pyRepr(this.code)}, rows_affected=${pyRepr(this.rows_affected)}, query_id=${pyRepr(this.query_id)})`;
  }
}

const COMMENTS = String.raw`(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*`;

/**
 * The response for a statement. Where the engine gives a status line (PostgreSQL's command tag),
 * it is the message, as dbt-postgres reports it: `code` is the tag without its counts
 * (`INSERT 0 3` → `INSERT`) and `rows_affected` the rows the statement wrote or returned, -1 for
 * statements that count none (`CREATE VIEW`). Elsewhere the code is the statement's first
 * keyword and the message that keyword with the rows affected, else the rows returned.
 */
export function adapterResponse(sql: string, result: QueryResult): AdapterResponse {
  if (result.status !== undefined) return new AdapterResponse(result.status, responseCode(result.status), result.rowsAffected ?? -1);
  // a text of several statements answers as its last (`create table …; insert …` is an INSERT)
  const later = [...sql.matchAll(new RegExp(String.raw`;\s*${COMMENTS}([A-Za-z]+)`, "g"))].pop()?.[1];
  const keyword = (later ?? new RegExp(String.raw`^\s*${COMMENTS}([A-Za-z]+)`).exec(sql)?.[1])?.toUpperCase() ?? "OK";
  const rows = result.rowsAffected ?? result.rows.length;
  return new AdapterResponse(`${keyword} ${rows}`, keyword, rows);
}

/** The code of a status line: its words without the numbers (`INSERT 0 3` → `INSERT`, `CREATE VIEW` → `CREATE VIEW`). */
export function responseCode(status: string): string {
  return status
    .split(/\s+/)
    .filter((word) => word !== "" && !/^\d+$/.test(word))
    .join(" ");
}
