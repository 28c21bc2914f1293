import { readFile } from "node:fs/promises";
import { csvRecords, type Column } from "@tsdbt/adapter-api";
import { bigqueryLiteral } from "./table-options";
import { bigqueryQuote } from "./bigquery-quote";

/** Most SQL text per INSERT (BigQuery takes queries up to 1 MB; this leaves room). */
const MAX_STATEMENT_CHARS = 512 * 1024;

/** One CSV cell as a GoogleSQL value of the column's type: null, a string, or a string cast to the type. */
function value(cell: string | null | undefined, type: string): string {
  if (cell === null || cell === undefined) return "null";
  const literal = bigqueryLiteral(cell);
  return /^STRING\b/i.test(type) ? literal : `cast(${literal} as ${type})`;
}

/**
 * The statements that load a CSV file into `relation` (rendered): `create table if not exists`
 * with the seed's columns, then batched `insert … values` of at most 512 KB each. BigQuery's load
 * jobs would be cheaper on large files, but the local endpoint has none, so seeds go through DML
 * (which reads no table, so it bills nothing).
 */
export async function csvLoadStatements(relation: string, file: string, columns: Column[], options: { delimiter: string; header: boolean }): Promise<{ statements: string[]; rows: number }> {
  const records = csvRecords(await readFile(file, "utf8"), options.delimiter).slice(options.header ? 1 : 0);
  const list = columns.map((c) => bigqueryQuote(c.name)).join(", ");
  const statements = [`create table if not exists ${relation} (${columns.map((c) => `${bigqueryQuote(c.name)} ${c.dataType}`).join(", ")})`];
  const head = `insert into ${relation} (${list}) values\n`;
  let tuples: string[] = [];
  let size = head.length;
  const flush = () => {
    if (tuples.length) statements.push(head + tuples.join(",\n"));
    tuples = [];
    size = head.length;
  };
  for (const record of records) {
    const tuple = `(${columns.map((c, i) => value(record[i], c.dataType)).join(", ")})`;
    if (size + tuple.length > MAX_STATEMENT_CHARS) flush();
    tuples.push(tuple);
    size += tuple.length + 2;
  }
  flush();
  return { statements, rows: records.length };
}
