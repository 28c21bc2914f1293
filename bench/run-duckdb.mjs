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
import { generator, load1, machine, measureCold, median, runResultsSums, work, writeSection } from "./bench-util.mjs";
import { createRawSources } from "./raw-sources.mjs";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THREADS = (process.env.BENCH_THREADS ?? "1,4").split(",").map(Number);
const RAW_ROWS = Number(process.env.BENCH_RAW_ROWS ?? 5);
const dir = path.join(work, `gen-${MODELS}`);
const target = path.join(dir, "target");
const dirs = ["--project-dir", dir, "--profiles-dir", dir];
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
  for (let i = 0; i < RUNS; i++) {
    await createRawSources(dir, RAW_ROWS);
    fs.rmSync(target, { recursive: true, force: true });
    const m = measureCold(["run", "--threads", String(threads), ...dirs], { check: false });
    const sums = fs.existsSync(path.join(target, "run_results.json")) ? runResultsSums(path.join(target, "run_results.json")) : null;
    if (m.exit_code !== 0) {
      const results = sums ? JSON.parse(fs.readFileSync(path.join(target, "run_results.json"), "utf8")).results : [];
      const first = results.find((r) => r.status === "error");
      failures.push({ threads, exit_code: m.exit_code, statuses: sums?.statuses, first: first ? `${first.unique_id}: ${first.message}` : "no run_results.json" });
    }
    const nodes = sums?.nodes ?? MODELS;
    // overhead per node = (wall − startup − Σstatement / threads) / nodes, startup = cold parse + Σ compile phases
    const overhead = (m.wall_ms - startup.parse.wall_ms - (sums?.compile_ms ?? 0) - m.statement_sum_ms / threads) / nodes;
    const unoverlapped = (m.wall_ms - startup.parse.wall_ms - (sums?.compile_ms ?? 0) - m.statement_busy_ms) / nodes;
    runs.push({ ...m, ...sums, overhead, unoverlapped });
    log(
      `tsdbt run --threads ${threads} #${i + 1}: exit ${m.exit_code}, ${secs(m.wall_ms)} s, Σexecution_time ${secs(sums?.execution_ms ?? 0)} s, ` +
        `Σcompile ${secs(sums?.compile_ms ?? 0)} s, ${m.statements} statements Σ${secs(m.statement_sum_ms)} s (busy ${secs(m.statement_busy_ms)} s), ` +
        `overhead ${overhead.toFixed(2)} ms/node, ${m.max_rss_mb} MB, load ${m.load1.toFixed(2)}`,
    );
  }
  const med = (k) => median(runs.map((r) => r[k]));
  rows.push({
    threads,
    wall_ms: med("wall_ms"),
    process_ms: med("process_ms"),
    nodes: med("nodes"),
    execution_ms: med("execution_ms"),
    compile_ms: med("compile_ms"),
    statements: med("statements"),
    statement_sum_ms: med("statement_sum_ms"),
    statement_busy_ms: med("statement_busy_ms"),
    overhead: med("overhead"),
    unoverlapped: med("unoverlapped"),
    rss: med("max_rss_mb"),
    load: med("load1"),
    statuses: runs.at(-1).statuses,
  });
}

const table = [
  "| threads | wall | process wall | Σ node execution_time | Σ compile phase | statements: count, Σ time, busy | overhead / node | unoverlapped / node | peak RSS | load |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.threads} | ${secs(r.wall_ms)} s | ${secs(r.process_ms)} s | ${secs(r.execution_ms)} s | ${secs(r.compile_ms)} s | ` +
      `${r.statements}, ${secs(r.statement_sum_ms)} s, ${secs(r.statement_busy_ms)} s | ${r.overhead.toFixed(2)} ms | ${r.unoverlapped.toFixed(2)} ms | ${r.rss} MB | ${r.load.toFixed(2)} |`,
  ),
].join("\n");
const statusLine = rows.map((r) => `--threads ${r.threads}: ${Object.entries(r.statuses ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")}`).join("; ");
const failureText = failures.length
  ? `\n**Failures:** ${failures.map((f) => `--threads ${f.threads} exited ${f.exit_code} (${JSON.stringify(f.statuses)}); first error: ${f.first}`).join("; ")}\n`
  : "";

log(`\n${table}\n${statusLine}${failureText}`);
writeSection(
  `Run (DuckDB, ${MODELS.toLocaleString("en-US")} models)`,
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:run\` (\`node bench/run-duckdb.mjs\`) on ${machine()}, shared with other work (1-minute load average before each run in the last column).

Project: \`node ../shared/bench/gen-project.mjs --models ${MODELS} --flavor dbt --seed 7\` with its DuckDB \`profiles.yml\` (\`--profiles-dir\`).
Before every run, bench/raw-sources.mjs recreates \`bench.duckdb\` with the ${raw.tables} raw source tables \`${raw.schema}.src_NNNN\` the staging models read (${raw.rows} rows each), and \`target/\` is removed: each run is a first build of all ${MODELS} models (views, tables, and incremental models built in full).
Command: \`tsdbt run --threads N --project-dir … --profiles-dir …\`, each in a cold process, median of ${RUNS} runs per row. Statuses: ${statusLine}.
${failureText}
${table}

What the columns are (all medians of the per-run values):
- **wall**: from before the CLI's modules load to \`invoke()\` returning, as bench/measure-cli.mjs measures it (Node's own boot excluded); **process wall** is spawn to exit, boot and teardown included.
- **Σ node execution_time**: the sum of \`execution_time\` over run_results.json (each node's compile + materialization, from its start to its result; overlapping nodes each counted). **Σ compile phase**: the sum of the \`compile\` timings in run_results.json (rendering each model's Jinja at execution time).
- **statements**: every SQL statement tsdbt sent to DuckDB, timed by wrapping \`DuckDBConnection.run\`/\`stream\` inside the adapter's worker thread (bench/statement-timer.cjs, a \`--require\` preload; product code untouched): their count, the sum of their durations (overlapping ones each counted) and the busy time (time with at least one statement in flight).
- **overhead / node** = (wall − startup − Σ statement time / threads) / nodes, where startup = the median cold \`tsdbt parse\` wall on this project (${secs(startup.parse.wall_ms)} s: module loading + parse, what a run does before its first node) + that run's Σ compile phase. It is what is left for the scheduler, materialization logic, worker-thread round trips, artifacts and shutdown. Σ statement / threads assumes the statements spread evenly over the threads; on this 2-core machine 4 threads do not give 4× DuckDB throughput (and DuckDB parallelises each statement itself), so for --threads 4 read it as a bound.
- **unoverlapped / node** = (wall − startup − statement busy time) / nodes: time in which no statement was running and tsdbt was not parsing or compiling.
- For reference, a cold \`tsdbt compile\` of the same project (parse + render every model and test, write target/) takes ${secs(startup.compile.wall_ms)} s.
`,
);
