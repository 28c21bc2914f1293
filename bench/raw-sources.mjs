// Creates the raw source tables a generated bench project (../shared/bench/gen-project.mjs) reads,
// in the project's DuckDB file, so `tsdbt run` has something to select from.
// CLI: node bench/raw-sources.mjs <project-dir> [rows-per-table]
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/**
 * Reads `models/sources.yml` of a generated project: the generator writes one `raw` source
 * (`schema: raw`) with tables `src_NNNN`, each read by one staging model that selects
 * id, customer_id, amount_cents, status and updated_at.
 */
export function rawSourceTables(projectDir) {
  const yml = fs.readFileSync(path.join(projectDir, "models", "sources.yml"), "utf8");
  const schema = /^\s+schema:\s*(\S+)/m.exec(yml)?.[1] ?? "raw";
  const tables = [...yml.matchAll(/^\s+- name:\s*(src_\d+)\s*$/gm)].map((m) => m[1]);
  return { schema, tables };
}

/** The DuckDB file the generated profiles.yml points at (`path:` relative to the project dir). */
export function duckdbFileOf(projectDir) {
  const profiles = fs.readFileSync(path.join(projectDir, "profiles.yml"), "utf8");
  const rel = /^\s+path:\s*'?([^'\n]+)'?\s*$/m.exec(profiles)?.[1] ?? "bench.duckdb";
  return path.resolve(projectDir, rel);
}

/** Deletes the DuckDB file (and its WAL) and recreates it with the raw tables, `rows` rows each. */
export async function createRawSources(projectDir, rows = 5) {
  const { DuckDBInstance } = require("@duckdb/node-api");
  const file = duckdbFileOf(projectDir);
  for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
  const { schema, tables } = rawSourceTables(projectDir);
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await connection.run(`create schema if not exists "${schema}"`);
    for (const table of tables) {
      // rows with a duplicate id, a null id and mixed-case statuses, so the staging dedup has work to do
      await connection.run(
        `create table "${schema}"."${table}" as
         select case when i = ${rows} then null else (i % ${Math.max(1, rows - 1)}) + 1 end as id,
                (i * 7) % 11 as customer_id,
                i * 125 as amount_cents,
                case i % 3 when 0 then 'Open' when 1 then ' closed ' else '' end as status,
                timestamp '2024-01-01' + to_days(i) as updated_at
         from range(1, ${rows + 1}) t(i)`,
      );
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { file, schema, tables: tables.length, rows };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, rows] = process.argv.slice(2);
  if (!dir) throw new Error("usage: node bench/raw-sources.mjs <project-dir> [rows-per-table]");
  process.stdout.write(`${JSON.stringify(await createRawSources(path.resolve(dir), rows ? Number(rows) : undefined))}\n`);
}
