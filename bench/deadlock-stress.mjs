#!/usr/bin/env node
// Deadlock stress on PostgreSQL: rebuilds a project of views that share parents (and some tables)
// again and again on several threads, and counts failed nodes (`deadlock detected`) and relations
// missing after each run.
//
//   node bench/deadlock-stress.mjs [--models 120] [--runs 8] [--threads 4] [--flip]
//
// --flip swaps the columns of the staging models every other run, so PostgreSQL cannot replace
// those views in place and every rebuild swaps them, dropping and recreating the views above.
// Uses the built packages (npx tsc --build first) and TSDBT_PG_URL (default
// postgres://postgres@127.0.0.1:5432/test); builds in a schema of its own and drops it at the end.
import { createRequire } from "node:module";
import * as os from "node:os";

const require = createRequire(import.meta.url);
const { runSpecs } = require("../packages/adapter-tests/dist/index.js");
const { createAdapter } = require("../packages/adapter-postgres/dist/index.js");

const args = { models: 120, runs: 8, threads: 4, flip: false };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--flip") args.flip = true;
  else if (["--models", "--runs", "--threads"].includes(argv[i])) args[argv[i].slice(2)] = Number(argv[++i]);
  else throw new Error(`deadlock-stress: unknown argument ${argv[i]}`);
}

/** xorshift32: the same project every time. */
function randomSource(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const url = new URL(process.env.TSDBT_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test");
const schema = `deadlock_${Date.now().toString(36)}`;
const adapter = createAdapter(
  { type: "postgres", host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || "postgres"), password: decodeURIComponent(url.password), dbname: url.pathname.slice(1) || "postgres", schema, threads: args.threads },
  { projectDir: os.tmpdir(), targetPath: os.tmpdir() },
);

// 15% staging (every fourth a table), the rest read 1–3 earlier models (every tenth a table)
const random = randomSource(3);
const plan = [];
const staging = Math.round(args.models * 0.15);
for (let i = 0; i < args.models; i++) {
  if (i < staging) {
    plan.push({ i, parents: [], table: i % 4 === 0 });
    continue;
  }
  const parents = new Set();
  const wanted = 1 + Math.floor(random() * 3);
  while (parents.size < wanted) parents.add(Math.floor(random() * i));
  plan.push({ i, parents: [...parents], table: i % 10 === 0 });
}
const specs = (run) =>
  plan.map(({ i, parents, table }) => ({
    name: `m${i}`,
    sql: parents.length === 0 ? (args.flip && run % 2 ? `select 'x' as s, ${i} as id` : `select ${i} as id, 'x' as s`) : parents.map((p) => `select id, s from "${schema}"."m${p}"`).join(" union all "),
    dependsOn: parents.map((p) => `m${p}`),
    config: { materialized: table ? "table" : "view" },
  }));

let failedRuns = 0;
let failedNodes = 0;
let deadlocks = 0;
let missing = 0;
try {
  for (let run = 0; run < args.runs; run++) {
    const started = Date.now();
    const { summary } = await runSpecs(adapter, specs(run), { schema, projectDir: os.tmpdir(), threads: args.threads });
    const errors = summary.results.filter((r) => r.status === "error");
    const present = (await adapter.listRelations(null, schema)).length;
    failedRuns += errors.length > 0 ? 1 : 0;
    failedNodes += errors.length;
    deadlocks += errors.filter((r) => /deadlock/i.test(r.message ?? "")).length;
    missing += args.models - present;
    console.log(`run ${run + 1}: ${Date.now() - started} ms, ${errors.length} failed${errors.length ? ` (${errors.map((r) => `${r.unique_id.split(".").pop()}: ${r.message}`).join("; ")})` : ""}, ${present}/${args.models} relations`);
  }
} finally {
  await adapter.execute(`drop schema if exists "${schema}" cascade`, { fetch: false });
  await adapter.close();
}
console.log(`\n| models | threads | runs | runs with a failure | failed nodes | of them deadlocks | relations missing after runs (sum) |`);
console.log(`|---|---|---|---|---|---|---|`);
console.log(`| ${args.models} | ${args.threads} | ${args.runs} | ${failedRuns} | ${failedNodes} | ${deadlocks} | ${missing} |`);
