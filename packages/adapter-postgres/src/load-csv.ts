import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { csvRecords, type Column } from "@tsdbt/adapter-api";
import { postgresDialect } from "./postgres-dialect";

/** Options of {@link loadCsvFile}. */
export interface CsvLoadOptions {
  delimiter: string;
  header: boolean;
  /** Stream through `COPY … FROM STDIN` (true) or send batched INSERTs (servers without COPY streaming, e.g. PGlite). */
  copy: boolean;
}

/** Rows per INSERT when COPY is not available. */
const INSERT_BATCH = 500;

/**
 * Loads a CSV file into `relation` (a rendered, quoted name), creating the table with the given
 * columns when it is missing. Unquoted empty fields load as NULL. Runs on the caller's client,
 * inside its transaction. Returns the number of rows loaded.
 */
export async function loadCsvFile(client: PoolClient, relation: string, file: string, columns: Column[], options: CsvLoadOptions): Promise<number> {
  const q = postgresDialect.quote;
  const definitions = columns.map((c) => `${q(c.name)} ${c.dataType}`).join(", ");
  const list = columns.map((c) => q(c.name)).join(", ");
  await client.query(`create table if not exists ${relation} (${definitions})`);
  if (options.copy) {
    const copy = client.query(
      copyFrom(
        `copy ${relation} (${list}) from stdin with (format csv, header ${options.header}, ` +
          `delimiter ${postgresDialect.literal(options.delimiter)}, quote '"', escape '"')`,
      ),
    );
    await pipeline(createReadStream(file), withoutBom(), copy);
    return copy.rowCount;
  }
  const records = csvRecords(await readFile(file, "utf8"), options.delimiter).slice(options.header ? 1 : 0);
  const value = (cell: string | null | undefined) => (cell === null || cell === undefined ? "null" : postgresDialect.literal(cell));
  for (let start = 0; start < records.length; start += INSERT_BATCH) {
    const batch = records.slice(start, start + INSERT_BATCH);
    const tuples = batch.map((record) => `(${columns.map((_c, i) => value(record[i])).join(", ")})`);
    await client.query(`insert into ${relation} (${list}) values ${tuples.join(",\n")}`);
  }
  return records.length;
}

/** Drops a UTF-8 byte-order mark at the very start of a stream (COPY would read it as data). */
function withoutBom(): Transform {
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (first) {
        first = false;
        if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      done(null, chunk);
    },
  });
}
