import { readFile } from "node:fs/promises";
import { csvRecords, type Column, type QueryResult } from "@tsdbt/adapter-api";
import { quoteIdentifier } from "./snowflake-identifiers";

/** Bound values per INSERT: well under the driver's threshold (100,000) above which it uploads binds to a stage. */
export const BINDS_PER_BATCH = 16384;

/** Runs one statement with rows of binds. */
export type BatchQuery = (sql: string, binds?: unknown[][]) => Promise<QueryResult>;

/**
 * Loads a CSV file into `relation` (a rendered name): creates the transient table with the
 * given columns when it is missing, then inserts the rows in batches of binds (`values (?, …)`
 * with many rows of binds per request, each cell sent as text and converted by Snowflake to its
 * column's type). Unquoted empty cells load as NULL. Returns the number of rows loaded.
 */
export async function loadCsvFile(query: BatchQuery, relation: string, file: string, columns: Column[], options: { delimiter: string; header: boolean }): Promise<number> {
  const definitions = columns.map((c) => `${quoteIdentifier(c.name)} ${c.dataType}`).join(", ");
  await query(`create transient table if not exists ${relation} (${definitions})`);
  const records = csvRecords(await readFile(file, "utf8"), options.delimiter).slice(options.header ? 1 : 0);
  if (records.length === 0) return 0;
  const list = columns.map((c) => quoteIdentifier(c.name)).join(", ");
  const placeholders = `(${columns.map(() => "?").join(", ")})`;
  const perBatch = Math.max(1, Math.floor(BINDS_PER_BATCH / Math.max(1, columns.length)));
  for (let start = 0; start < records.length; start += perBatch) {
    const batch = records.slice(start, start + perBatch).map((record) => columns.map((_c, i) => record[i] ?? null));
    await query(`insert into ${relation} (${list}) values ${placeholders}`, batch);
  }
  return records.length;
}
