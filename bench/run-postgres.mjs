#!/usr/bin/env node
// npm run bench:pg — cold `tsdbt run --target pg` of the generated 1,000-model project on a real PostgreSQL,
// --threads 1, 4 and 8, median of RUNS cold processes each. Same approach as bench/run-duckdb.mjs:
// - the project comes from ../shared/bench/gen-project.mjs (seed 7); its profiles.yml is rewritten with a `pg`
//   target (schema SCHEMA) next to the generator's DuckDB `dev` target;
// - the raw source tables the generated sources.yml names are created in PostgreSQL (schema SCHEMA_raw,
//   RAW_ROWS rows each, the same rows bench/raw-sources.mjs writes to DuckDB);
// - before every run the target schema is dropped (cascade) and recreated and target/ is removed, so every run
//   builds all models from scratch;
// - startup is a cold `tsdbt parse --target pg` of the same project; run_results.json gives the node times;
//   a --require preload written to bench/.work/ times every SQL statement sent through node-postgres
//   (pg.Client.prototype.query) and reports it to bench/measure-run.mjs on a BroadcastChannel.
// The schemas are dropped at the end. Prints a table and rewrites the "PostgreSQL run" section of
// docs/performance.md.
// Env: BENCH_MODELS (1000), BENCH_RUNS (3), BENCH_THREADS ("1,4,8"), BENCH_RAW_ROWS (5),
//      BENCH_PG_HOST (127.0.0.1), BENCH_PG_PORT (5432), BENCH_PG_USER (postgres), BENCH_PG_PASSWORD (''),
//      BENCH_PG_DB (test), BENCH_PG_SCHEMA (tsdbt_bench),
//      BENCH_MAX_LOAD / BENCH_LOAD_WAIT_S: before each measured run, wait up to BENCH_LOAD_WAIT_S (300) seconds
//      for the 1-minute load average to fall below BENCH_MAX_LOAD (unset: no waiting),
//      BENCH_PG_INTERMEDIATE (table; "view" keeps the generator's materialization of the int_* models),
//      BENCH_WRITE_DOCS=0: print the table only.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { generator, load1, machine, median, root, runResultsSums, describeFailedRun, work, writeSection } from "./bench-util.mjs";
import { rawSourceTables } from "./raw-sources.mjs";

const require = createRequire(path.join(root, "packages", "adapter-postgres", "package.json"));
const pg = require("pg");

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THREADS = (process.env.BENCH_THREADS ?? "1,4,8").split(",").map(Number);
const RAW_ROWS = Number(process.env.BENCH_RAW_ROWS ?? 5);
const MAX_LOAD = process.env.BENCH_MAX_LOAD ? Number(process.env.BENCH_MAX_LOAD) : null;
const LOAD_WAIT_S = Number(process.env.BENCH_LOAD_WAIT_S ?? 300);
const conn = {
  host: process.env.BENCH_PG_HOST ?? "127.0.0.1",
  port: Number(process.env.BENCH_PG_PORT ?? 5432),
  user: process.env.BENCH_PG_USER ?? "postgres",
  password: process.env.BENCH_PG_PASSWORD ?? "",
  database: process.env.BENCH_PG_DB ?? "test",
};
const SCHEMA = process.env.BENCH_PG_SCHEMA ?? "tsdbt_bench";
// The generator makes the 600 int_* models views. PostgreSQL expands a view into every query that reads it, so each
// table at the end of a chain of views (up to 36 deep, fanning out 1–3 refs per level) re-plans and re-runs the whole
// chain: one --threads 4 run took 618 s, 2,298 s of it in 372 `create table … as` (see the section's note). To measure
// tsdbt rather than that, the int_* models are materialized as tables by default (BENCH_PG_INTERMEDIATE=view keeps views).
const INTERMEDIATE = process.env.BENCH_PG_INTERMEDIATE ?? "table";
const RAW_SCHEMA = `${SCHEMA}_raw`;
const dir = path.join(work, `gen-${MODELS}-pg`);
const target = path.join(dir, "target");
const args = ["--target", "pg", "--project-dir", dir, "--profiles-dir", dir];
const log = (s) => process.stdout.write(`${s}\n`);
const secs = (ms) => (ms / 1000).toFixed(2);
const q = (name) => `"${name.replace(/"/g, '""')}"`;

// ---- the statement timer (a preload, so product code stays untouched) ----
const CHANNEL = "tsdbt-bench-pg-statement-timer";
const preload = path.join(work, "pg-statement-timer.cjs");
fs.mkdirSync(work, { recursive: true });
fs.writeFileSync(
  preload,
  `// Written by bench/run-postgres.mjs. Wraps pg.Client.prototype.query (every thread: tsdbt's adapter runs in a
// worker thread, which inherits --require) and posts each statement's [start, end, kind] on a BroadcastChannel
// that bench/measure-run.mjs listens to. Queries given a callback or returning a stream (COPY) are not timed.
"use strict";
const { BroadcastChannel } = require("node:worker_threads");
globalThis.__tsdbtStatementTimer = ${JSON.stringify(CHANNEL)};
const channel = new BroadcastChannel(${JSON.stringify(CHANNEL)});
channel.unref();
function kindOf(sql) {
  const words = String(sql).replace(/--[^\\n]*|\\/\\*[\\s\\S]*?\\*\\//g, " ").trim().toLowerCase().split(/\\s+/);
  const [first, second, third] = words;
  if (first === "create" && second === "or" && third === "replace") return "create or replace " + words[3];
  if (["create", "alter", "drop"].includes(first)) return first + " " + (second === "temporary" || second === "temp" ? third : second);
  return first ?? "";
}
const pg = require(${JSON.stringify(require.resolve("pg"))});
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function timed(config, values, callback) {
  const start = performance.timeOrigin + performance.now();
  const result = original.apply(this, arguments);
  if (result && typeof result.then === "function") {
    const sql = typeof config === "string" ? config : config && config.text;
    const done = () => channel.postMessage([start, performance.timeOrigin + performance.now(), kindOf(sql)]);
    result.then(done, done);
  }
  return result;
};
`,
);

/** One tsdbt command in a cold process (bench/measure-run.mjs with the preload above), as bench-util's measureCold. */
function measureCold(cliArgs) {
  const load = load1();
  const t0 = performance.now();
  const out = execFileSync(process.execPath, ["--require", preload, path.join(root, "bench", "measure-run.mjs"), ...cliArgs], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const process_ms = Math.round(performance.now() - t0);
  return { ...JSON.parse(out.trim().split("\n").pop()), process_ms, load1: load };
}

async function waitForLoad() {
  if (MAX_LOAD === null) return;
  const until = Date.now() + LOAD_WAIT_S * 1000;
  while (load1() >= MAX_LOAD && Date.now() < until) await new Promise((r) => setTimeout(r, 5000));
}

async function sql(text) {
  const client = new pg.Client(conn);
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

// ---- the project ----
execFileSync(process.execPath, [generator, "--models", String(MODELS), "--out", dir, "--flavor", "dbt", "--seed", "7", "--force"], { stdio: "ignore" });
const { schema: generatedRawSchema, tables } = rawSourceTables(dir);
// The raw tables live in their own schema of the shared database: point the (only) source at it.
const sourcesFile = path.join(dir, "models", "sources.yml");
fs.writeFileSync(sourcesFile, fs.readFileSync(sourcesFile, "utf8").replace(/^([ \t]+schema:[ \t]*)\S+[ \t]*$/m, `$1${RAW_SCHEMA}`));
const projectFile = path.join(dir, "dbt_project.yml");
const projectYml = fs.readFileSync(projectFile, "utf8");
const withIntermediate = projectYml.replace(/(\n[ \t]+intermediate:\n[ \t]+\+materialized:[ \t]*)\w+/, `$1${INTERMEDIATE}`);
if (!withIntermediate.includes(`intermediate:\n      +materialized: ${INTERMEDIATE}`)) throw new Error("dbt_project.yml: no intermediate +materialized to set");
fs.writeFileSync(projectFile, withIntermediate);
const generatedProfiles = fs.readFileSync(path.join(dir, "profiles.yml"), "utf8").trimEnd();
fs.writeFileSync(
  path.join(dir, "profiles.yml"),
  `${generatedProfiles}
    pg:
      type: postgres
      host: ${conn.host}
      port: ${conn.port}
      user: ${conn.user}
      password: '${conn.password.replace(/'/g, "''")}'
      dbname: ${conn.database}
      schema: ${SCHEMA}
      threads: 1
`,
);

await sql(`drop schema if exists ${q(RAW_SCHEMA)} cascade; create schema ${q(RAW_SCHEMA)}`);
await sql(
  tables
    .map(
      // the rows bench/raw-sources.mjs writes to DuckDB: a duplicate id, a null id, mixed-case statuses
      (t) => `create table ${q(RAW_SCHEMA)}.${q(t)} as
  select case when i = ${RAW_ROWS} then null else (i % ${Math.max(1, RAW_ROWS - 1)}) + 1 end as id,
         (i * 7) % 11 as customer_id,
         i * 125 as amount_cents,
         case i % 3 when 0 then 'Open' when 1 then ' closed ' else '' end as status,
         timestamp '2024-01-01' + i * interval '1 day' as updated_at
  from generate_series(1, ${RAW_ROWS}) as t(i)`,
    )
    .join(";\n"),
);
const server = (await sql("select current_setting('server_version') as v")).rows[0].v;
log(
  `${MODELS}-model project in ${path.relative(process.cwd(), dir)}; ${tables.length} raw tables of ${RAW_ROWS} rows in ` +
    `${conn.database}.${RAW_SCHEMA} (sources.yml schema ${generatedRawSchema} → ${RAW_SCHEMA}); PostgreSQL ${server}; load ${load1().toFixed(2)}`,
);

const rows = [];
const failures = [];
let startup;
try {
  // Startup: what a run does before its first node, measured as a cold `tsdbt parse` (module load + parse).
  const parses = [];
  for (let i = 0; i < RUNS; i++) {
    fs.rmSync(target, { recursive: true, force: true });
    await waitForLoad();
    const m = measureCold(["parse", ...args]);
    if (m.exit_code !== 0) throw new Error(`tsdbt parse exited ${m.exit_code}: ${m.output_tail}`);
    parses.push(m);
  }
  const parseWalls = parses.map((r) => r.wall_ms);
  startup = { wall_ms: median(parseWalls), spread_ms: Math.max(...parseWalls) - Math.min(...parseWalls), load1: median(parses.map((r) => r.load1)) };
  log(`tsdbt parse --target pg: ${secs(startup.wall_ms)} s (${parses.map((r) => secs(r.wall_ms)).join(", ")}; load ${startup.load1.toFixed(2)})`);

  for (const threads of THREADS) {
    const runs = [];
    // A failed run is reported and not counted; up to 2 extra attempts keep RUNS successful runs.
    for (let attempt = 1; runs.length < RUNS && attempt <= RUNS + 2; attempt++) {
      await sql(`drop schema if exists ${q(SCHEMA)} cascade; create schema ${q(SCHEMA)}`);
      fs.rmSync(target, { recursive: true, force: true });
      await waitForLoad();
      const m = measureCold(["run", "--threads", String(threads), ...args]);
      const resultsFile = path.join(target, "run_results.json");
      const sums = fs.existsSync(resultsFile) ? runResultsSums(resultsFile) : null;
      if (m.exit_code !== 0) {
        const error = describeFailedRun(resultsFile, m);
        failures.push({ threads, attempt, exit_code: m.exit_code, statuses: sums?.statuses ?? null, error });
        log(`tsdbt run --threads ${threads} attempt ${attempt}: exit ${m.exit_code} after ${secs(m.wall_ms)} s: ${error}`);
        continue;
      }
      const nodes = sums.nodes;
      const overhead = (m.wall_ms - startup.wall_ms - sums.execution_ms / threads) / nodes;
      const statementOverhead = (m.wall_ms - startup.wall_ms - sums.compile_ms - m.statement_sum_ms / threads) / nodes;
      const unoverlapped = (m.wall_ms - startup.wall_ms - sums.compile_ms - m.statement_busy_ms) / nodes;
      runs.push({ ...m, ...sums, overhead, statementOverhead, unoverlapped });
      log(
        `tsdbt run --threads ${threads} attempt ${attempt}: exit 0, ${secs(m.wall_ms)} s, Σexecution_time ${secs(sums.execution_ms)} s, ` +
          `Σcompile ${secs(sums.compile_ms)} s, ${m.statements} statements Σ${secs(m.statement_sum_ms)} s (busy ${secs(m.statement_busy_ms)} s), ` +
          `overhead ${overhead.toFixed(2)} ms/node (statement-based ${statementOverhead.toFixed(2)}, unoverlapped ${unoverlapped.toFixed(2)}), ` +
          `${m.max_rss_mb} MB, load ${m.load1.toFixed(2)}`,
      );
    }
    if (runs.length === 0) continue;
    // The row is the run with the median wall, so every column comes from one run.
    const mid = median(runs.map((r) => r.wall_ms));
    const r = runs.find((x) => x.wall_ms === mid);
    rows.push({ threads, ...r, walls: runs.map((x) => secs(x.wall_ms)).join(", "), loads: runs.map((x) => x.load1.toFixed(2)).join(", ") });
  }
} finally {
  await sql(`drop schema if exists ${q(SCHEMA)} cascade; drop schema if exists ${q(RAW_SCHEMA)} cascade`);
  log(`dropped schemas ${SCHEMA} and ${RAW_SCHEMA}`);
}

const table = [
  "| threads | wall (all runs) | Σ node execution_time | overhead / node | statements: count, Σ time, busy | statement-based overhead / node | unoverlapped / node | process wall | peak RSS | load (all runs) |",
  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.threads} | ${secs(r.wall_ms)} s (${r.walls}) | ${secs(r.execution_ms)} s | ${r.overhead.toFixed(2)} ms | ` +
      `${r.statements}, ${secs(r.statement_sum_ms)} s, ${secs(r.statement_busy_ms)} s | ${r.statementOverhead.toFixed(2)} ms | ${r.unoverlapped.toFixed(2)} ms | ` +
      `${secs(r.process_ms)} s | ${r.max_rss_mb} MB | ${r.load1.toFixed(2)} (${r.loads}) |`,
  ),
].join("\n");
const kindNames = rows.length ? [...new Set(rows.flatMap((r) => Object.keys(r.statement_kinds ?? {})))].sort((a, b) => (rows[0].statement_kinds[b]?.ms ?? 0) - (rows[0].statement_kinds[a]?.ms ?? 0)) : [];
const kindsTable = [
  `| statement kind | ${rows.map((r) => `--threads ${r.threads}: count, Σ time`).join(" | ")} |`,
  `|---|${rows.map(() => "---:").join("|")}|`,
  ...kindNames.map((k) => `| \`${k}\` | ${rows.map((r) => (r.statement_kinds?.[k] ? `${r.statement_kinds[k].count}, ${secs(r.statement_kinds[k].ms)} s` : "—")).join(" | ")} |`),
].join("\n");
const statusLine = rows.map((r) => `--threads ${r.threads}: ${Object.entries(r.statuses ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")}`).join("; ");
const failureText = failures.length
  ? `\n**Failed attempts (not counted):** ${failures.map((f) => `--threads ${f.threads} attempt ${f.attempt} exited ${f.exit_code}${f.statuses ? ` (${JSON.stringify(f.statuses)})` : ""}: \`${f.error}\``).join("; ")}\n`
  : "";

log(`\n${table}\n${statusLine}${failureText}\n${kindsTable}`);
if (rows.length === 0) {
  process.exitCode = 1;
} else if (process.env.BENCH_WRITE_DOCS !== "0") {
  writeSection(
    "PostgreSQL run",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:pg\` (\`node bench/run-postgres.mjs\`) on ${machine()}, against PostgreSQL ${server} on the same machine (127.0.0.1, so the server's backends share the 2 cores with tsdbt), shared with other work: the load column is the 1-minute load average before the row's run (before each run in brackets).

Project: \`node ../shared/bench/gen-project.mjs --models ${MODELS} --flavor dbt --seed 7\`, its \`profiles.yml\` given a \`pg\` target (\`type: postgres\`, host ${conn.host}, port ${conn.port}, user ${conn.user}, dbname ${conn.database}, schema \`${SCHEMA}\`), ${INTERMEDIATE === "view" ? "" : `the \`int_*\` view models materialized as ${INTERMEDIATE}s (\`+materialized\` of \`intermediate\` in dbt_project.yml; the generator makes them views, see the note below), `}and its one source pointed at schema \`${RAW_SCHEMA}\`, where the script creates the ${tables.length} raw tables \`src_NNNN\` the staging models read (${RAW_ROWS} rows each, the rows bench/raw-sources.mjs writes for DuckDB).
Before every run the schema \`${SCHEMA}\` is dropped (cascade) and recreated and \`target/\` is removed, so each run builds all ${MODELS} models from scratch (views, tables, and incremental models built in full); both schemas are dropped at the end.
Command: \`tsdbt run --target pg --threads N --project-dir … --profiles-dir …\`, each in a cold process, median of ${RUNS} runs per row (the row is the run with the median wall). Statuses: ${statusLine}.
${failureText}
${table}

How the columns are computed (ms figures are per node, nodes = ${rows[0].nodes}, the results in run_results.json):
- **wall**: from before the CLI's modules load to \`invoke()\` returning, as bench/measure-cli.mjs measures it (Node's own boot excluded); **process wall** is spawn to exit.
- **startup** = the median wall of ${RUNS} cold \`tsdbt parse --target pg\` on the same project: ${secs(startup.wall_ms)} s (load ${startup.load1.toFixed(2)}). It is what a run does before its first node (module loading + parse).
- **Σ node execution_time**: the sum of \`execution_time\` over run_results.json, each node from its start to its result (Jinja compile, connection checkout, every statement, materialization logic); overlapping nodes are each counted.
- **overhead / node** = (wall − startup − Σ node execution_time / threads) / nodes: the time outside the nodes (scheduling, worker-thread round trips between nodes, opening the pool, writing run_results.json/manifest, shutdown) per node, assuming the threads were kept busy. Its noise is the spread of the cold startup: the ${RUNS} parses spanned ${secs(startup.spread_ms)} s, i.e. ±${(startup.spread_ms / rows[0].nodes).toFixed(2)} ms per node, so a figure that small (or below zero) means "no time outside the nodes that could be measured". With more threads than the 2 cores, each node's execution_time also contains time spent waiting for a core (Node's and PostgreSQL's), which Σ / threads counts as node time.
- **statements**: every SQL statement tsdbt sent through node-postgres (\`pg.Client.prototype.query\`, timed from the call to its result by a \`--require\` preload that bench/run-postgres.mjs writes to bench/.work/; product code untouched): count, Σ duration (overlapping ones each counted) and busy time (time with at least one statement in flight). A statement's time includes the round trip over the local socket and the server's work.
- **statement-based overhead / node** = (wall − startup − Σ compile phase − Σ statement time / threads) / nodes, the DuckDB section's definition: everything tsdbt does besides parse, Jinja and waiting for PostgreSQL, including its per-node materialization logic. Σ compile phase (the \`compile\` timings in run_results.json) was ${rows.map((r) => `${secs(r.compile_ms)} s`).join(" / ")} at ${rows.map((r) => r.threads).join(" / ")} threads.
- **unoverlapped / node** = (wall − startup − Σ compile phase − statement busy time) / nodes: time in which no statement was in flight and tsdbt was not parsing or compiling. It needs no assumption about how well the threads overlap; with several threads one node's compile phase can overlap another's statement (and the startup figure has the noise above), so it can dip slightly below zero.

Note, why the \`int_*\` models are tables here: with the generator's views, PostgreSQL expands each view into every query that reads it, so a table at the end of a chain of views (up to 36 deep, each model reading 1–3 earlier ones) re-plans and re-runs the whole chain. One such run (\`BENCH_PG_INTERMEDIATE=view BENCH_RUNS=1 BENCH_THREADS=4\`, 2026-11-21, load 5.25) took 617.98 s wall; its 5,102 statements summed to 2,311.85 s, of which 2,298.18 s were the 372 \`create table … as\`, the slowest node alone 181.7 s, and its overhead / node was 37.66 ms by the first definition but 0.39 ms unoverlapped. That measures PostgreSQL on this project shape rather than tsdbt.

PostgreSQL statement time by kind (first words of the SQL; same runs as the table above):

${kindsTable}
`,
  );
}
