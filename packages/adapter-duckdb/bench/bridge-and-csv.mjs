// Measures the adapter worker bridge's per-statement overhead and a 1,000,000-row CSV load.
// Build first: npx tsc --build packages/adapter-api packages/adapter-duckdb
// Run: node packages/adapter-duckdb/bench/bridge-and-csv.mjs
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { startAdapterWorker } = require("@tsdbt/adapter-api");
const { createAdapter } = require("@tsdbt/adapter-duckdb");

const STATEMENTS = 2000;
const CSV_ROWS = 1_000_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-bench-"));
const context = { projectDir: dir, targetPath: "target" };
const perStatement = (ms) => `${((ms * 1000) / STATEMENTS).toFixed(1)} µs/statement`;

try {
  const direct = createAdapter({ type: "duckdb", schema: "main", path: ":memory:" }, context);
  await direct.open();
  let t = performance.now();
  for (let i = 0; i < STATEMENTS; i++) await direct.execute("select 1");
  console.log(`in-thread adapter, sequential:  ${perStatement(performance.now() - t)}`);
  await direct.close();

  const bridged = await startAdapterWorker({ type: "duckdb", schema: "main", path: ":memory:", threads: 4 }, context);
  for (let i = 0; i < 100; i++) bridged.executeSync("select 1"); // warm up
  t = performance.now();
  for (let i = 0; i < STATEMENTS; i++) bridged.executeSync("select 1");
  console.log(`bridge, executeSync:            ${perStatement(performance.now() - t)}`);
  t = performance.now();
  for (let i = 0; i < STATEMENTS; i++) await bridged.execute("select 1");
  console.log(`bridge, async sequential:       ${perStatement(performance.now() - t)}`);
  t = performance.now();
  await Promise.all(Array.from({ length: STATEMENTS }, () => bridged.execute("select 1")));
  console.log(`bridge, async all in flight:    ${perStatement(performance.now() - t)}`);
  await bridged.close();

  const file = path.join(dir, "big.csv");
  const out = fs.openSync(file, "w");
  fs.writeSync(out, "id,name,amount,day,flag\n");
  const batch = [];
  for (let i = 1; i <= CSV_ROWS; i++) {
    batch.push(`${i},name ${i % 1000},${(i / 100).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, "0")},${i % 2 === 0}`);
    if (batch.length === 50_000) fs.writeSync(out, batch.splice(0).join("\n") + "\n");
  }
  fs.closeSync(out);
  const seeds = createAdapter({ type: "duckdb", schema: "main", path: "bench.duckdb" }, context);
  const columns = [
    { name: "id", dataType: "integer" },
    { name: "name", dataType: "varchar" },
    { name: "amount", dataType: "double" },
    { name: "day", dataType: "date" },
    { name: "flag", dataType: "boolean" },
  ];
  t = performance.now();
  const rows = await seeds.loadCsv({ schema: "main", identifier: "big" }, file, columns, { delimiter: ",", header: true });
  console.log(`loadCsv ${rows.toLocaleString("en")} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB): ${(performance.now() - t).toFixed(0)} ms`);
  await seeds.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
