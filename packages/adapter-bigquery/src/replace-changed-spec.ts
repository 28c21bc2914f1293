/** What BigQuery answers a `create or replace table` whose partitioning or clustering differs from the table's. */
const SPEC_CHANGED = /cannot replace a table with a different (?:partitioning|clustering) spec/i;

const NAME = "`(?:[^`\\\\]|\\\\.)*`(?:\\.`(?:[^`\\\\]|\\\\.)*`){0,2}";
/** Leading comments (a query comment), then `create or replace table <name>`. */
const REPLACE_TABLE = new RegExp(`^((?:\\s*(?:/\\*[\\s\\S]*?\\*/|--[^\\n]*(?:\\n|$)))*\\s*)create\\s+or\\s+replace\\s+table\\s+(${NAME})`, "i");

/**
 * When BigQuery refused `sql`, a `create or replace table`, because the table's partitioning or
 * clustering changes (BigQuery replaces a table only with the same spec), the two statements that
 * rebuild it instead, as dbt-bigquery does when the spec changed: `drop table if exists`, then
 * `create table` (leading comments kept on both). Null for any other statement or error.
 * The table is missing between the two jobs, and its IAM grants go with it.
 */
export function dropThenCreate(sql: string, error: unknown): { drop: string; create: string } | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!SPEC_CHANGED.test(message)) return null;
  const match = REPLACE_TABLE.exec(sql);
  if (!match) return null;
  const [head, comments, name] = match as unknown as [string, string, string];
  return { drop: `${comments}drop table if exists ${name}`, create: `${comments}create table ${name}${sql.slice(head.length)}` };
}
