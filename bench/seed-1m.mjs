#!/usr/bin/env node
// npm run bench:seed — cold `tsdbt seed` of one 1,000,000-row CSV (6 columns: two integers,
// a decimal with some empty cells, text with quoted commas, a date, a boolean) on DuckDB,
// median of RUNS cold processes; reports rows/s. The CSV is generated deterministically (mulberry32, seed 7)
// into bench/.work/seed-1m/seeds/orders_1m.csv; the DuckDB file and target/ are removed before every run.
// Prints a table and rewrites the "Seed (1,000,000-row CSV)" section of docs/performance.md.
// Env: BENCH_SEED_ROWS (1000000), BENCH_RUNS (3).
import * as fs from "node:fs";
import * as path from "node:path";
import { load1, machine, measureCold, median, runResultsSums, work, writeSection } from "./bench-util.mjs";

const ROWS = Number(process.env.BENCH_SEED_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const dir = path.join(work, "seed-1m");
const csv = path.join(dir, "seeds", "orders_1m.csv");
const log = (s) => process.stdout.write(`${s}\n`);

/** mulberry32: a tiny deterministic PRNG, so the same ROWS always give the same bytes. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function writeProject() {
  fs.mkdirSync(path.dirname(csv), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "dbt_project.yml"),
    "name: 'seed_bench'\nversion: '1.0.0'\nconfig-version: 2\nprofile: 'seed_bench'\nseed-paths: ['seeds']\ntarget-path: 'target'\n",
  );
  fs.writeFileSync(
    path.join(dir, "profiles.yml"),
    "seed_bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: 'bench.duckdb'\n      schema: analytics\n      threads: 1\n",
  );
  const stamp = path.join(dir, ".csv-rows");
  if (fs.existsSync(csv) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === String(ROWS)) return;
  const rand = prng(7);
  const statuses = ["placed", "shipped", "completed", "returned", "return_pending", '"gift, wrapped"'];
  const fd = fs.openSync(csv, "w");
  fs.writeSync(fd, "id,customer_id,amount,status,order_date,is_paid\n");
  const day0 = Date.UTC(2020, 0, 1);
  let chunk = [];
  for (let i = 1; i <= ROWS; i++) {
    const amount = rand() < 0.01 ? "" : (rand() * 1000).toFixed(2);
    const date = new Date(day0 + Math.floor(rand() * 1826) * 86_400_000).toISOString().slice(0, 10);
    chunk.push(`${i},${1 + Math.floor(rand() * 50_000)},${amount},${statuses[Math.floor(rand() * statuses.length)]},${date},${rand() < 0.8}`);
    if (chunk.length === 10_000) {
      fs.writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  if (chunk.length) fs.writeSync(fd, `${chunk.join("\n")}\n`);
  fs.closeSync(fd);
  fs.writeFileSync(stamp, String(ROWS));
}

writeProject();
const mb = fs.statSync(csv).size / 2 ** 20;
log(`${ROWS} rows, ${mb.toFixed(1)} MiB in ${path.relative(process.cwd(), csv)}; load ${load1().toFixed(2)}`);

const runs = [];
for (let i = 0; i < RUNS; i++) {
  for (const f of ["bench.duckdb", "bench.duckdb.wal", "target"]) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  const m = measureCold(["seed", "--project-dir", dir, "--profiles-dir", dir]);
  const sums = runResultsSums(path.join(dir, "target", "run_results.json"));
  const results = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8")).results;
  const loaded = results[0]?.adapter_response?.rows_affected;
  if (loaded !== ROWS) throw new Error(`tsdbt seed loaded ${loaded} rows, expected ${ROWS}`);
  runs.push({ ...m, execution_ms: sums.execution_ms });
  log(
    `tsdbt seed #${i + 1}: ${(m.wall_ms / 1000).toFixed(2)} s (${Math.round(ROWS / (m.wall_ms / 1000)).toLocaleString("en-US")} rows/s), ` +
      `node ${(sums.execution_ms / 1000).toFixed(2)} s, ${m.statements} statements Σ${(m.statement_sum_ms / 1000).toFixed(2)} s, ${m.max_rss_mb} MB, load ${m.load1.toFixed(2)}`,
  );
}
const med = (k) => median(runs.map((r) => r[k]));
const wall = med("wall_ms");
const table = [
  `| rows | CSV size | wall | process wall | rows/s (wall) | seed node execution_time | DuckDB statements Σ | peak RSS | load |`,
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  `| ${ROWS.toLocaleString("en-US")} | ${mb.toFixed(1)} MiB | ${(wall / 1000).toFixed(2)} s | ${(med("process_ms") / 1000).toFixed(2)} s | ${Math.round(ROWS / (wall / 1000)).toLocaleString("en-US")} | ` +
    `${(med("execution_ms") / 1000).toFixed(2)} s | ${(med("statement_sum_ms") / 1000).toFixed(2)} s | ${med("max_rss_mb")} MB | ${med("load1").toFixed(2)} |`,
].join("\n");
log(`\n${table}`);
writeSection(
  "Seed (1,000,000-row CSV)",
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:seed\` (\`node bench/seed-1m.mjs\`) on ${machine()}, shared with other work (load = 1-minute load average before the run).

One seed, \`seeds/orders_1m.csv\`: ${ROWS.toLocaleString("en-US")} rows generated deterministically (mulberry32, seed 7) with 6 columns — \`id\` integer, \`customer_id\` integer, \`amount\` decimal (1% empty), \`status\` text (some quoted, with a comma), \`order_date\` date, \`is_paid\` boolean. DuckDB target; the database file and \`target/\` are removed before each run, so each is a first load.
Command: \`tsdbt seed --project-dir bench/.work/seed-1m --profiles-dir bench/.work/seed-1m\`, cold process, median of ${RUNS} runs. **wall** is measured as in bench/measure-cli.mjs (module load included, Node boot excluded); rows/s = rows / wall. **DuckDB statements Σ** is the time inside DuckDB (\`read_csv\` bulk load, create/rename), timed by bench/statement-timer.cjs; the rest of the node's time is tsdbt reading the whole CSV in JavaScript to infer column types.

${table}
`,
);
