#!/usr/bin/env node
// npm run bench:run — cold `tsdbt run` of the generated 1,000-model project on DuckDB (profiles.yml of
// ../shared/bench/gen-project.mjs), --threads 1 and 4, median of RUNS cold processes each.
// Before every run the DuckDB file is recreated with the raw source tables (bench/raw-sources.mjs) and
// target/ is removed, so every run is a first build (incremental models build in full).
// Prints a table and rewrites the "Run (DuckDB, 1,000 models)" section of docs/performance.md.
// Env: BENCH_MODELS (1000), BENCH_RUNS (3), BENCH_THREADS ("1,4"), BENCH_RAW_ROWS (5).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { generator, load1, machine, measureCold, median, root, runResultsSums, describeFailedRun, work, writeSection } from "./bench-util.mjs";
import { createRawSources } from "./raw-sources.mjs";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THREADS = (process.env.BENCH_THREADS ?? "1,4").split(",").map(Number);
const RAW_ROWS = Number(process.env.BENCH_RAW_ROWS ?? 5);
const dir = path.join(work, `gen-${MODELS}`);
const target = path.join(dir, "target");
const dirs = ["--project-dir", dir, "--profiles-dir", dir];
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", cwd: root }).trim();
const log = (s) => process.stdout.write(`${s}\n`);
const secs = (ms) => (ms / 1000).toFixed(2);

execFileSync(process.execPath, [generator, "--models", String(MODELS), "--out", dir, "--flavor", "dbt", "--seed", "7", "--force"], { stdio: "ignore" });
const raw = await createRawSources(dir, RAW_ROWS);
log(`${MODELS}-model project in ${path.relative(process.cwd(), dir)}; ${raw.tables} raw tables of ${raw.rows} rows in ${raw.schema}.*; load ${load1().toFixed(2)}`);

// Startup: what a run does before its first node, measured as a cold `tsdbt parse` (module load + parse).
const startup = {};
for (const command of ["parse", "compile"]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    fs.rmSync(target, { recursive: true, force: true });
    runs.push(measureCold([command, ...dirs]));
  }
  startup[command] = { wall_ms: median(runs.map((r) => r.wall_ms)), load1: median(runs.map((r) => r.load1)) };
  log(`tsdbt ${command}: ${secs(startup[command].wall_ms)} s (load ${startup[command].load1.toFixed(2)})`);
}

const rows = [];
const failures = [];
for (const threads of THREADS) {
  const runs = [];
  // A failed run is reported and not counted; up to 2 extra attempts keep RUNS successful runs
  // (other people rebuilding packages/*/dist on a shared machine can break a single run).
  for (let attempt = 1; runs.length < RUNS && attempt <= RUNS + 2; attempt++) {
    await createRawSources(dir, RAW_ROWS);
    fs.rmSync(target, { recursive: true, force: true });
    const m = measureCold(["run", "--threads", String(threads), ...dirs], { check: false });
    const resultsFile = path.join(target, "run_results.json");
    const sums = fs.existsSync(resultsFile) ? runResultsSums(resultsFile) : null;
    if (m.exit_code !== 0) {
      const error = describeFailedRun(resultsFile, m);
      failures.push({ threads, attempt, exit_code: m.exit_code, statuses: sums?.statuses ?? null, error });
      log(`tsdbt run --threads ${threads} attempt ${attempt}: exit ${m.exit_code} after ${secs(m.wall_ms)} s: ${error}`);
      continue;
    }
    const nodes = sums.nodes;
    // overhead per node = (wall − startup − Σstatement / threads) / nodes, startup = cold parse + Σ compile phases
    const overhead = (m.wall_ms - startup.parse.wall_ms - sums.compile_ms - m.statement_sum_ms / threads) / nodes;
    const unoverlapped = (m.wall_ms - startup.parse.wall_ms - sums.compile_ms - m.statement_busy_ms) / nodes;
    runs.push({ ...m, ...sums, overhead, unoverlapped });
    log(
      `tsdbt run --threads ${threads} attempt ${attempt}: exit 0, ${secs(m.wall_ms)} s, Σexecution_time ${secs(sums.execution_ms)} s, ` +
        `Σcompile ${secs(sums.compile_ms)} s, ${m.statements} statements Σ${secs(m.statement_sum_ms)} s (busy ${secs(m.statement_busy_ms)} s), ` +
        `overhead ${overhead.toFixed(2)} ms/node, ${m.max_rss_mb} MB, load ${m.load1.toFixed(2)}`,
    );
  }
  if (runs.length === 0) continue;
  // The row is the run with the median wall, so every column comes from one run.
  const mid = median(runs.map((r) => r.wall_ms));
  const r = runs.find((x) => x.wall_ms === mid);
  rows.push({
    threads,
    runs: runs.length,
    wall_ms: r.wall_ms,
    process_ms: r.process_ms,
    nodes: r.nodes,
    execution_ms: r.execution_ms,
    compile_ms: r.compile_ms,
    statements: r.statements,
    statement_sum_ms: r.statement_sum_ms,
    statement_busy_ms: r.statement_busy_ms,
    overhead: r.overhead,
    unoverlapped: r.unoverlapped,
    rss: r.max_rss_mb,
    load: r.load1,
    statuses: r.statuses,
    walls: runs.map((x) => secs(x.wall_ms)).join(", "),
    kinds: r.statement_kinds ?? {},
  });
}

const table = [
  "| threads | wall (all runs) | process wall | Σ node execution_time | Σ compile phase | statements: count, Σ time, busy | overhead / node | unoverlapped / node | peak RSS | load |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.threads} | ${secs(r.wall_ms)} s (${r.walls}) | ${secs(r.process_ms)} s | ${secs(r.execution_ms)} s | ${secs(r.compile_ms)} s | ` +
      `${r.statements}, ${secs(r.statement_sum_ms)} s, ${secs(r.statement_busy_ms)} s | ${r.overhead.toFixed(2)} ms | ${r.unoverlapped.toFixed(2)} ms | ${r.rss} MB | ${r.load.toFixed(2)} |`,
  ),
].join("\n");
const kindNames = [...new Set(rows.flatMap((r) => Object.keys(r.kinds)))].sort((a, b) => (rows[0].kinds[b]?.ms ?? 0) - (rows[0].kinds[a]?.ms ?? 0));
const kindsTable = [
  `| statement kind | ${rows.map((r) => `--threads ${r.threads}: count, Σ time`).join(" | ")} |`,
  `|---|${rows.map(() => "---:").join("|")}|`,
  ...kindNames.map((k) => `| \`${k}\` | ${rows.map((r) => (r.kinds[k] ? `${r.kinds[k].count}, ${secs(r.kinds[k].ms)} s` : "—")).join(" | ")} |`),
].join("\n");
const statusLine = rows.map((r) => `--threads ${r.threads}: ${Object.entries(r.statuses ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")}`).join("; ");
const failureText = failures.length
  ? `\n**Failed attempts (not counted):** ${failures.map((f) => `--threads ${f.threads} attempt ${f.attempt} exited ${f.exit_code}${f.statuses ? ` (${JSON.stringify(f.statuses)})` : ""}: \`${f.error}\``).join("; ")}\n`
  : "";

log(`\n${table}\n${statusLine}${failureText}\n${kindsTable}`);
writeSection(
  `Run (DuckDB, ${MODELS.toLocaleString("en-US")} models)`,
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:run\` (\`node bench/run-duckdb.mjs\`) on ${machine()}, shared with other work (1-minute load average before each run in the last column).

Project: \`node ../shared/bench/gen-project.mjs --models ${MODELS} --flavor dbt --seed 7\` with its DuckDB \`profiles.yml\` (\`--profiles-dir\`).
Before every run, bench/raw-sources.mjs recreates \`bench.duckdb\` with the ${raw.tables} raw source tables \`${raw.schema}.src_NNNN\` the staging models read (${raw.rows} rows each), and \`target/\` is removed: each run is a first build of all ${MODELS} models (views, tables, and incremental models built in full).
Command: \`tsdbt run --threads N --project-dir … --profiles-dir …\`, each in a cold process, ${RUNS} successful runs per row; a row shows the run with the median wall (all walls in brackets), so its columns come from one run. Checkout at commit ${commit} (packages/*/dist as built then). Statuses: ${statusLine}.
${failureText}
${table}

What the columns are:
- **wall**: from before the CLI's modules load to \`invoke()\` returning, as bench/measure-cli.mjs measures it (Node's own boot excluded); **process wall** is spawn to exit, boot and teardown included.
- **Σ node execution_time**: the sum of \`execution_time\` over run_results.json (each node's compile + materialization, from its start to its result; overlapping nodes each counted). **Σ compile phase**: the sum of the \`compile\` timings in run_results.json (rendering each model's Jinja at execution time).
- **statements**: every SQL statement tsdbt sent to DuckDB, timed by wrapping \`DuckDBConnection.run\`/\`stream\` inside the adapter's worker thread (bench/statement-timer.cjs, a \`--require\` preload; product code untouched), plus closing the database file at the end (\`DuckDBInstance.closeSync\`, where DuckDB checkpoints its write-ahead log into the file: database work, ~0.5 s here): their count, the sum of their durations (overlapping ones each counted) and the busy time (time with at least one statement in flight).
- **overhead / node** = (wall − startup − Σ statement time / threads) / nodes, where startup = the median cold \`tsdbt parse\` wall on this project (${secs(startup.parse.wall_ms)} s: module loading + parse, what a run does before its first node) + that run's Σ compile phase. It is what is left for the scheduler, materialization logic, worker-thread round trips, artifacts and shutdown. Σ statement / threads assumes the statements spread evenly over the threads; on this 2-core machine 4 threads do not give 4× DuckDB throughput (and DuckDB parallelises each statement itself), so for --threads 4 read it as a bound.
- **unoverlapped / node** = (wall − startup − statement busy time) / nodes: time in which no statement was running and tsdbt was not parsing or compiling.

DuckDB statement time by kind (first words of the SQL; same runs as the table above):

${kindsTable}

- For reference, a cold \`tsdbt compile\` of the same project (parse + render every model and test, write target/) takes ${secs(startup.compile.wall_ms)} s.
`,
);
