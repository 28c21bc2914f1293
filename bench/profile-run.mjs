#!/usr/bin/env node
// npm run bench:profile — one `tsdbt run --threads 1` of the generated 1,000-model project under
// `node --cpu-prof` (one profile per thread: the main thread and the DuckDB adapter's worker), then the
// top self-time functions of each thread, grouped also by where their code lives.
// Run bench/run-duckdb.mjs first (it generates bench/.work/gen-1000). Rewrites the
// "Where the time goes (run profile)" section of docs/performance.md.
// Env: BENCH_MODELS (1000), BENCH_THREADS (1), BENCH_TOP (12).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { load1, machine, root, work, writeSection } from "./bench-util.mjs";
import { createRawSources } from "./raw-sources.mjs";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const THREADS = Number(process.env.BENCH_THREADS ?? 1);
const TOP = Number(process.env.BENCH_TOP ?? 12);
const dir = path.join(work, `gen-${MODELS}`);
const profDir = path.join(work, "profile");
if (!fs.existsSync(path.join(dir, "dbt_project.yml"))) throw new Error(`${dir} is missing: run npm run bench:run first.`);

await createRawSources(dir);
fs.rmSync(path.join(dir, "target"), { recursive: true, force: true });
fs.rmSync(profDir, { recursive: true, force: true });
const load = load1();
const t0 = performance.now();
execFileSync(
  process.execPath,
  ["--cpu-prof", "--cpu-prof-dir", profDir, path.join(root, "packages", "cli", "bin", "tsdbt.js"), "run", "--threads", String(THREADS), "-q", "--project-dir", dir, "--profiles-dir", dir],
  { stdio: "ignore" },
);
const wall = (performance.now() - t0) / 1000;

/** Where a function's code lives, for the grouped view. */
function area(url, name) {
  if (!url) return name.startsWith("(") ? name : "native / V8 builtins";
  const u = url.replace(/^file:\/\//, "");
  const pkg = /\/packages\/([^/]+)\//.exec(u);
  if (pkg && !u.includes("/node_modules/")) return `@tsdbt/${pkg[1]}`;
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (dep) return dep[1];
  if (u.startsWith("node:")) return "node core";
  return path.relative(root, u);
}

const threads = [];
for (const file of fs.readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile")).sort()) {
  const profile = JSON.parse(fs.readFileSync(path.join(profDir, file), "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const fns = new Map();
  const areas = new Map();
  let total = 0;
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const name = functionName || "(anonymous)";
    const where = url ? `${area(url, name)} ${path.basename(url)}:${lineNumber + 1}` : "";
    const key = `${name}\u0000${where}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
    const a = area(url, name);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    total += ms;
  }
  const top = [...fns].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k, ms]) => ({ name: k.split("\u0000")[0], where: k.split("\u0000")[1], ms }));
  const grouped = [...areas].sort((a, b) => b[1] - a[1]).slice(0, 8);
  const isWorker = JSON.stringify(profile.nodes.slice(0, 400).map((n) => n.callFrame.url)).includes("adapter-worker-entry");
  threads.push({ file, label: isWorker ? "adapter worker thread" : "main thread", total, top, grouped });
}
threads.sort((a, b) => (a.label === "main thread" ? -1 : 1) - (b.label === "main thread" ? -1 : 1));

const pct = (ms, total) => `${((100 * ms) / total).toFixed(1)}%`;
let body = `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:profile\` (\`node bench/profile-run.mjs\`) on ${machine()}, load ${load.toFixed(2)}:
one \`node --cpu-prof packages/cli/bin/tsdbt.js run --threads ${THREADS}\` of the ${MODELS}-model project (fresh DuckDB file with the raw tables, no target/), ${wall.toFixed(1)} s wall under the profiler.
Self time = samples whose top frame is that function (the sampling profiler's view; time a thread spends blocked or waiting shows as \`(idle)\` or in the call that blocks, e.g. \`Atomics.wait\`/native DuckDB calls).
`;
for (const t of threads) {
  body += `\n### ${t.label} (${(t.total / 1000).toFixed(1)} s sampled)\n\n| by code location | self time | share |\n|---|---:|---:|\n`;
  body += t.grouped.map(([a, ms]) => `| ${a} | ${(ms / 1000).toFixed(2)} s | ${pct(ms, t.total)} |`).join("\n");
  body += `\n\n| top self-time function | where | self time | share |\n|---|---|---:|---:|\n`;
  body += t.top.map((f) => `| \`${f.name}\` | ${f.where.replace(/\|/g, "\\|")} | ${(f.ms / 1000).toFixed(2)} s | ${pct(f.ms, t.total)} |`).join("\n");
  body += "\n";
}
process.stdout.write(`${body}\n`);
writeSection("Where the time goes (run profile)", body);
