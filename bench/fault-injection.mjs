#!/usr/bin/env node
// Fault injection: kills `tsdbt run` with SIGKILL at a random moment while its nodes run (uniform
// over the length of the previous good run, from its first node's start), again and again, and checks
// that no relation that existed before the run is lost, unreadable or half-written, and that the
// next run converges (exit 0, every relation rebuilt, no __tsdbt leftovers).
//
//   node bench/fault-injection.mjs [--adapter duckdb|postgres|both] [--trials 30] [--seed 1] [--quick] [--json]
//
// PostgreSQL: TSDBT_PG_URL (default postgres://postgres@127.0.0.1:5432/test); the script builds in a
// schema of its own (fault_<random>) and drops it at the end. DuckDB: a file in a temp directory.
// The project: a view chain (stg_a → int_b), tables (tbl_c, t_g) made slow on purpose, views over
// tables and views (v_d, v_h), an incremental model merged on a unique key (inc_e) and a view over
// it (v_f); threads 2. Every model writes `gen`, the run's number (--vars), in 100 rows, so after a
// kill each relation must hold 100 rows of one generation, the previous or the new one.
// --quick makes the slow tables about five times faster (for the jest version). Not run in CI at
// this size: test/fault-injection.test.ts runs it with --quick and 1 trial on DuckDB.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "packages", "cli", "bin", "tsdbt.js");

const MODELS = ["stg_a", "int_b", "tbl_c", "v_d", "inc_e", "v_f", "t_g", "v_h"];
const ROWS = 100;

function readArgs(argv) {
  const args = { adapter: "both", trials: 30, seed: 1, json: false, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (key === "--json") args.json = true;
    else if (key === "--quick") args.quick = true;
    else if (key === "--adapter") args.adapter = argv[++i];
    else if (key === "--trials") args.trials = Number(argv[++i]);
    else if (key === "--seed") args.seed = Number(argv[++i]);
    else throw new Error(`fault-injection: unknown argument ${key}`);
  }
  if (!["duckdb", "postgres", "both"].includes(args.adapter) || !(args.trials >= 1)) throw new Error("usage: [--adapter duckdb|postgres|both] [--trials N] [--seed S] [--json]");
  return args;
}

/** xorshift32, so a seed always gives the same kill moments (relative to each run's length). */
function randomSource(seed) {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** The project's files; `slow()` makes the tables take a moment on either engine. */
function projectFiles(profile, quick) {
  const gen = "{{ var('gen') }}";
  return {
    "dbt_project.yml": "name: fault\nprofile: fault\nconfig-version: 2\nvars:\n  gen: 0\n",
    "profiles.yml": `fault:\n  target: dev\n  outputs:\n    dev:\n${Object.entries(profile).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`).join("\n")}\n`,
    "macros/slow.sql": [
      "{% macro slow() %}",
      `{% if target.type == 'postgres' %}(select pg_sleep(${quick ? 0.05 : 0.25}) as pause) as slow`,
      `{% else %}(select count(*) as n from range(${quick ? 6000000 : 30000000}) as r(i) where i % 7 = 3) as slow{% endif %}`,
      "{% endmacro %}",
    ].join("\n"),
    "models/stg_a.sql": `{{ config(materialized='view') }}\nselect i as id, ${gen} as gen from generate_series(1, ${ROWS}) as t(i)\n`,
    "models/int_b.sql": `{{ config(materialized='view') }}\nselect id, ${gen} as gen from {{ ref('stg_a') }}\n`,
    "models/tbl_c.sql": `{{ config(materialized='table') }}\nselect b.id, ${gen} as gen from {{ ref('int_b') }} as b cross join {{ slow() }}\n`,
    "models/v_d.sql": `{{ config(materialized='view') }}\nselect c.id, ${gen} as gen from {{ ref('tbl_c') }} as c join {{ ref('int_b') }} as b on b.id = c.id\n`,
    "models/inc_e.sql": `{{ config(materialized='incremental', unique_key='id') }}\nselect d.id, ${gen} as gen from {{ ref('v_d') }} as d cross join {{ slow() }}\n`,
    "models/v_f.sql": `{{ config(materialized='view') }}\nselect id, ${gen} as gen from {{ ref('inc_e') }}\n`,
    "models/t_g.sql": `{{ config(materialized='table') }}\nselect a.id, ${gen} as gen from {{ ref('stg_a') }} as a cross join {{ slow() }}\n`,
    "models/v_h.sql": `{{ config(materialized='view') }}\nselect g.id, ${gen} as gen from {{ ref('t_g') }} as g join {{ ref('stg_a') }} as a on a.id = g.id\n`,
  };
}

/**
 * Runs `tsdbt run --vars {gen: n}`. `killAfterMs` sends SIGKILL that long after the first node
 * started (the first ` START ` line), if the run is still going. `sqlMs` is the time from that
 * line to the exit: the part of a run where a kill can hit the warehouse.
 */
function runTsdbt(dir, gen, killAfterMs = null) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "run", "--profiles-dir", dir, "--project-dir", dir, "--vars", `{gen: ${gen}}`], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let nodesStarted = null;
    let timer = null;
    let killed = false;
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (nodesStarted !== null || !output.includes(" START ")) return;
      nodesStarted = Date.now();
      if (killAfterMs !== null) {
        timer = setTimeout(() => {
          if (child.exitCode === null) {
            killed = true;
            child.kill("SIGKILL");
          }
        }, killAfterMs);
      }
    });
    child.stderr.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, killed, sqlMs: nodesStarted === null ? 0 : Date.now() - nodesStarted, output });
    });
  });
}

/** How to read the warehouse between runs: DuckDB opens the file (after the run released it), PostgreSQL connects. */
function duckdbWarehouse(dir) {
  const { DuckDBInstance } = require("@duckdb/node-api");
  const file = path.join(dir, "fault.duckdb");
  return {
    profile: { type: "duckdb", path: file, schema: "main", threads: 2 },
    schema: "main",
    async inspect(fn) {
      const instance = await DuckDBInstance.create(file);
      const connection = await instance.connect();
      try {
        return await fn(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS());
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    },
    async dispose() {},
  };
}

function postgresWarehouse() {
  const { Client } = require("pg");
  const url = new URL(process.env.TSDBT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test");
  const schema = `fault_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const connection = { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || "postgres"), password: decodeURIComponent(url.password), database: url.pathname.slice(1) || "postgres" };
  const withClient = async (fn) => {
    const client = new Client(connection);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    profile: { type: "postgres", host: connection.host, port: connection.port, user: connection.user, password: connection.password, dbname: connection.database, schema, threads: 2 },
    schema,
    inspect: (fn) => withClient((client) => fn(async (sql) => (await client.query(sql)).rows)),
    dispose: () => withClient((client) => client.query(`drop schema if exists "${schema}" cascade`)),
  };
}

/** Per-relation state: missing, unreadable, half-written (not 100 rows of one allowed generation) or fine; and leftovers. */
async function inspect(warehouse, allowed) {
  return warehouse.inspect(async (query) => {
    const names = (await query(`select table_name as name from information_schema.tables where table_schema = '${warehouse.schema}'`)).map((r) => String(r.name));
    const report = { lost: [], unreadable: [], halfWritten: [], leftovers: names.filter((n) => n.includes("__tsdbt")) };
    for (const model of MODELS) {
      if (!names.includes(model)) {
        report.lost.push(model);
        continue;
      }
      let rows;
      try {
        rows = await query(`select count(*) as n, min(gen) as lo, max(gen) as hi from "${warehouse.schema}"."${model}"`);
      } catch {
        report.unreadable.push(model);
        continue;
      }
      const { n, lo, hi } = rows[0];
      if (Number(n) !== ROWS || Number(lo) !== Number(hi) || !allowed.includes(Number(lo))) report.halfWritten.push(`${model} (${n} rows, gen ${lo}..${hi})`);
    }
    return report;
  });
}

async function runTrials(adapter, { trials, quick }, random, log) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tsdbt-fault-${adapter}-`));
  const warehouse = adapter === "duckdb" ? duckdbWarehouse(dir) : postgresWarehouse();
  for (const [file, text] of Object.entries(projectFiles(warehouse.profile, quick))) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const totals = { adapter, trials, killedMidRun: 0, lost: 0, unreadable: 0, halfWritten: 0, leftoversAfterKill: 0, leftoversAfterNextRun: 0, notConverged: 0, details: [] };
  try {
    let good = await runTsdbt(dir, 0);
    if (good.code !== 0) throw new Error(`the first build failed:\n${good.output}`);
    for (let trial = 1; trial <= trials; trial++) {
      const previous = 2 * (trial - 1);
      const gen = previous + 1;
      const killAt = Math.round(random() * good.sqlMs);
      const killed = await runTsdbt(dir, gen, killAt);
      if (killed.killed) totals.killedMidRun++;
      const after = await inspect(warehouse, [previous, gen]);
      totals.lost += after.lost.length;
      totals.unreadable += after.unreadable.length;
      totals.halfWritten += after.halfWritten.length;
      totals.leftoversAfterKill += after.leftovers.length;
      // the next run must converge: exit 0, every relation of its generation, nothing left behind
      good = await runTsdbt(dir, gen + 1);
      const converged = await inspect(warehouse, [gen + 1]);
      const ok = good.code === 0 && converged.lost.length + converged.unreadable.length + converged.halfWritten.length === 0;
      if (!ok) totals.notConverged++;
      totals.leftoversAfterNextRun += converged.leftovers.length;
      const problems = [...after.lost.map((m) => `lost ${m}`), ...after.unreadable.map((m) => `unreadable ${m}`), ...after.halfWritten.map((m) => `half-written ${m}`), ...(ok ? [] : [`next run: exit ${good.code}, ${JSON.stringify(converged)}`])];
      if (problems.length) totals.details.push({ trial, killAt, problems });
      log(`${adapter} trial ${trial}/${trials}: kill ${killAt} ms into the nodes${killed.killed ? "" : " (the run had finished)"}; ${problems.length ? problems.join("; ") : "nothing lost"}`);
    }
  } finally {
    await warehouse.dispose().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return totals;
}

const args = readArgs(process.argv.slice(2));
const random = randomSource(args.seed);
const log = args.json ? () => undefined : (line) => console.log(line);
const results = [];
for (const adapter of args.adapter === "both" ? ["duckdb", "postgres"] : [args.adapter]) results.push(await runTrials(adapter, args, random, log));
if (args.json) console.log(JSON.stringify(results));
else {
  console.log("\n| adapter | trials | killed mid-run | relations lost | unreadable | half-written | leftovers after kill | leftovers after next run | next run not converged |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of results) console.log(`| ${r.adapter} | ${r.trials} | ${r.killedMidRun} | ${r.lost} | ${r.unreadable} | ${r.halfWritten} | ${r.leftoversAfterKill} | ${r.leftoversAfterNextRun} | ${r.notConverged} |`);
}
