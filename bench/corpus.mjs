#!/usr/bin/env node
// npm run bench:corpus — tsdbt against real dbt-core on the real public projects of ../shared/corpus.
// For each project: cold `parse --no-partial-parse` (no saved parse, no template code cache), the same
// with the template code cache the cold run wrote, a warm parse after editing one model (in a new
// process, and in a long-lived one: two invoke() calls), and `compile` after `seed`; RUNS alternating
// runs of each tool, medians, CPU time and peak RSS. dbt-core runs only when the reference install of
// ../shared/oracle exists (DBT, default /opt/dbt-venv/bin/dbt). compile needs the PostgreSQL server the
// corpus profiles name (PG_HOST etc., default 127.0.0.1:5432, database gold); without it, only parse runs.
// Prints a markdown table and rewrites the "Real projects" section of docs/performance.md.
//   BENCH_RUNS=5 BENCH_PROJECTS=jaffle_shop,mattermost node bench/corpus.mjs
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { freshMemoryCost, load1, machine, median, root, work, writeSection } from "./bench-util.mjs";

const corpus = path.resolve(root, "../shared/corpus");
const DBT = process.env.DBT ?? "/opt/dbt-venv/bin/dbt";
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const hasDbt = fs.existsSync(DBT);
if (!fs.existsSync(path.join(corpus, "projects"))) throw new Error(`no corpus at ${corpus}: this benchmark needs ../shared/corpus beside the repository`);
const projects = (process.env.BENCH_PROJECTS?.split(",") ?? fs.readdirSync(path.join(corpus, "projects")).sort()).filter((p) => fs.existsSync(path.join(corpus, "projects", p)));

/** PROJECT_DIR and DBT_PROFILES_DIR from a corpus project's corpus.env, relative to its folder. */
function corpusEnv(dir) {
  const text = fs.readFileSync(path.join(dir, "corpus.env"), "utf8");
  const get = (key) => new RegExp(`${key}=(\\S+)`).exec(text)?.[1] ?? ".";
  return { projectDir: path.resolve(dir, get("PROJECT_DIR")), profilesDir: path.resolve(dir, get("DBT_PROFILES_DIR")) };
}

/**
 * tsdbt's environment: this one without NODE_EXTRA_CA_CERTS (unless BENCH_KEEP_NODE_EXTRA_CA_CERTS=1).
 * With it, Node parses its ~140 bundled root certificates when it starts, before any of tsdbt's code
 * runs (nodejs/node#40524): about 50 ms more per process on the machine of docs/performance.md, which
 * sets it. Neither parse nor compile on a local PostgreSQL opens a TLS connection.
 */
const tsdbtEnv = (() => {
  const env = { ...process.env };
  if (process.env.BENCH_KEEP_NODE_EXTRA_CA_CERTS !== "1") delete env.NODE_EXTRA_CA_CERTS;
  return env;
})();

/**
 * One tsdbt command in a cold process (bench/measure-cli.mjs): wall time from the spawn to the exit,
 * as dbt-core's is taken (Node's own start included), CPU, the main thread's CPU, peak RSS, exit code.
 */
function tsdbt(args, cwd) {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [path.join(root, "bench", "measure-cli.mjs"), ...args], { cwd, env: tsdbtEnv, encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  const m = JSON.parse(out.trim().split("\n").pop());
  return { wall_ms: Math.round(wall), cpu_ms: m.cpu_ms, main_cpu_ms: m.main_cpu_ms, rss_mb: m.max_rss_mb, exit: m.exit_code, partial: m.partial_parse };
}

/** One dbt-core command under GNU time: wall, CPU (user + system), peak RSS, exit code. */
function dbtCore(args, cwd) {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %U %S %M", DBT, ...args], { cwd, encoding: "utf8", env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: "False", DBT_VERSION_CHECK: "False" }, maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  const [, user, sys, rssKb] = /TIME (\S+) (\S+) (\d+)/.exec(r.stderr) ?? [];
  return { wall_ms: Math.round(wall), cpu_ms: Math.round((Number(user) + Number(sys)) * 1000), rss_mb: Math.round(Number(rssKb) / 1024), exit: r.status };
}

/** Parse in one long-lived process: a full parse, then (after an edit) the warm one, timed inside the process. */
function warmInProcess(projectDir, profilesDir, file) {
  const script = `
    const fs = require("node:fs");
    const { invoke } = require(${JSON.stringify(path.join(root, "packages/cli/bin/entry.js"))}).loadCli().cli;
    (async () => {
      const args = ["parse", "--project-dir", ${JSON.stringify(projectDir)}, "--profiles-dir", ${JSON.stringify(profilesDir)}, "--target-path", "target-tsdbt"];
      await invoke(args, { write: () => undefined });
      fs.appendFileSync(${JSON.stringify(file)}, "\\n-- edited in process\\n");
      const t0 = performance.now();
      const r = await invoke(args, { write: () => undefined });
      process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - t0), exit: r.exitCode }) + "\\n");
    })();`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { env: tsdbtEnv, encoding: "utf8" }).trim().split("\n").pop());
}

/** Why a corpus project cannot be parsed here (packages.yml lists packages that are not in dbt_packages/), else null. */
function notRunnable(projectDir) {
  const packages = path.join(projectDir, "packages.yml");
  if (fs.existsSync(packages) && /^\s*-\s*(package|git|local)\s*:/m.test(fs.readFileSync(packages, "utf8")) && !fs.existsSync(path.join(projectDir, "dbt_packages")))
    return "its packages are not installed in the corpus (no dbt_packages/; `deps` needs the network), so neither tool can parse it";
  if (!fs.existsSync(path.join(projectDir, "profiles.yml")) && !fs.existsSync(path.join(path.dirname(projectDir), "profiles.yml"))) return "no profiles.yml in the corpus copy";
  return null;
}

const fmt = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const rows = [];
/** Projects not measured, with the reason. */
const skipped = [];
for (const short of projects) {
  const copy = path.join(work, "corpus", short);
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(path.join(corpus, "projects", short), copy, { recursive: true });
  const { projectDir, profilesDir } = corpusEnv(copy);
  const skip = notRunnable(projectDir);
  if (skip) {
    skipped.push(`${short}: ${skip}`);
    process.stdout.write(`${short}: skipped, ${skip}\n`);
    continue;
  }
  const common = ["--project-dir", projectDir, "--profiles-dir", profilesDir];
  // each tool keeps its own target/ (both write manifest.json; neither may read the other's state)
  const ours = [...common, "--target-path", "target-tsdbt"];
  const model = execFileSync("find", [path.join(projectDir, "models"), "-name", "*.sql"], { encoding: "utf8" }).trim().split("\n").sort()[0];
  const original = fs.readFileSync(model, "utf8");
  // cold: no saved parse and no template code cache (target/tsdbt_template_cache.json)
  const state = () => {
    fs.rmSync(path.join(projectDir, "target-tsdbt", "partial_parse.json"), { force: true });
    fs.rmSync(path.join(projectDir, "target-tsdbt", "tsdbt_template_cache.json"), { force: true });
  };
  const samples = { tsParse: [], tsParseCached: [], dbtParse: [], tsWarm: [], tsCompile: [], dbtCompile: [], inProcess: [] };
  const canCompile = tsdbt(["seed", ...ours], projectDir).exit === 0 && (!hasDbt || dbtCore(["seed", ...common], projectDir).exit === 0);
  for (let i = 0; i < RUNS; i++) {
    state();
    samples.tsParse.push(tsdbt(["parse", "--no-partial-parse", ...ours], projectDir));
    if (hasDbt) samples.dbtParse.push(dbtCore(["parse", "--no-partial-parse", ...common], projectDir));
    // no saved parse, but the template code cache the cold parse wrote
    samples.tsParseCached.push(tsdbt(["parse", "--no-partial-parse", ...ours], projectDir));
    tsdbt(["parse", ...ours], projectDir);
    fs.writeFileSync(model, `${original}\n-- edit ${i}\n`);
    samples.tsWarm.push(tsdbt(["parse", ...ours], projectDir));
    if (canCompile) {
      samples.tsCompile.push(tsdbt(["compile", ...ours], projectDir));
      if (hasDbt) samples.dbtCompile.push(dbtCore(["compile", ...common], projectDir));
    }
    samples.inProcess.push(warmInProcess(projectDir, profilesDir, model));
    fs.writeFileSync(model, original);
  }
  const med = (xs, key) => (xs.length ? median(xs.map((x) => x[key])) : null);
  const exits = (xs) => [...new Set(xs.map((x) => x.exit))].join("/");
  const row = {
    short,
    parse: med(samples.tsParse, "wall_ms"),
    parseRss: med(samples.tsParse, "rss_mb"),
    parseCpu: med(samples.tsParse, "cpu_ms"),
    parseMainCpu: samples.tsParse.every((x) => x.main_cpu_ms !== null) ? med(samples.tsParse, "main_cpu_ms") : null,
    dbtParseCpu: med(samples.dbtParse, "cpu_ms"),
    parseCached: med(samples.tsParseCached, "wall_ms"),
    dbtParse: med(samples.dbtParse, "wall_ms"),
    dbtParseRss: med(samples.dbtParse, "rss_mb"),
    warm: med(samples.tsWarm, "wall_ms"),
    warmPartial: samples.tsWarm.every((s) => s.partial),
    inProcess: med(samples.inProcess, "ms"),
    compile: med(samples.tsCompile, "wall_ms"),
    dbtCompile: med(samples.dbtCompile, "wall_ms"),
    exits: `tsdbt parse ${exits(samples.tsParse)}${hasDbt ? `, dbt parse ${exits(samples.dbtParse)}` : ""}${canCompile ? `, tsdbt compile ${exits(samples.tsCompile)}${hasDbt ? `, dbt compile ${exits(samples.dbtCompile)}` : ""}` : ", no compile (seed failed)"}`,
  };
  rows.push(row);
  process.stdout.write(`${short}: ${JSON.stringify(row)}\n`);
}

const ratio = (a, b) => (a && b ? `${(b / a).toFixed(1)}×` : "–");
const table = [
  `| project | tsdbt parse (cold) | dbt-core parse | parse speed-up | cold parse CPU tsdbt / dbt-core (speed-up) | tsdbt parse, template cache filled (speed-up) | peak RSS tsdbt / dbt-core | warm parse, new process | warm parse, long-lived process | tsdbt compile | dbt-core compile | compile speed-up | exit codes |`,
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ...rows.map((r) => `| ${r.short} | ${fmt(r.parse)} | ${r.dbtParse ? fmt(r.dbtParse) : "–"} | ${ratio(r.parse, r.dbtParse)} | ${fmt(r.parseCpu)}${r.parseMainCpu === null ? "" : ` (main thread ${fmt(r.parseMainCpu)})`} / ${r.dbtParseCpu ? fmt(r.dbtParseCpu) : "–"} (${ratio(r.parseCpu, r.dbtParseCpu)}) | ${fmt(r.parseCached)} (${ratio(r.parseCached, r.dbtParse)}) | ${r.parseRss} / ${r.dbtParseRss ?? "–"} MB | ${fmt(r.warm)}${r.warmPartial ? "" : " (not partial)"} | ${fmt(r.inProcess)} | ${r.compile ? fmt(r.compile) : "–"} | ${r.dbtCompile ? fmt(r.dbtCompile) : "–"} | ${ratio(r.compile, r.dbtCompile)} | ${r.exits} |`),
].join("\n");
process.stdout.write(`\n${table}\n`);
writeSection(
  "Real projects (../shared/corpus)",
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:corpus\` (\`node bench/corpus.mjs\`, ${RUNS} alternating runs per tool, medians of wall time (from the spawn of the process to its exit, for both tools: Node's and Python's own start included; tsdbt without NODE_EXTRA_CA_CERTS, see bench/corpus.mjs), and of CPU time (user + system) for the cold parse: steadier when the machine is shared; the main thread's share, without V8's background threads and the check worker, is what wall time follows on an idle machine) on ${machine()}, 1-minute load ${load1().toFixed(2)} at the end; ${freshMemoryCost()}. dbt-core ${hasDbt ? "1.10 from ../shared/oracle" : "not installed: its columns are empty"}. Cold parse: \`parse --no-partial-parse\`, a new process each. Warm parse: one model edited after a parse that saved its state, in a new process and in one long-lived process (the second of two \`invoke()\` calls). Compile after \`seed\`, on the local PostgreSQL.\n\n${table}\n${skipped.length ? `\nNot measured: ${skipped.join("; ")}.\n` : ""}`,
);
