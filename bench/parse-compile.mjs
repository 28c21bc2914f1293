#!/usr/bin/env node
// npm run bench:parse — cold `tsdbt parse` and `tsdbt compile` on generated 1,000- and 5,000-model
// projects (../shared/bench/gen-project.mjs, seed 7), median of RUNS cold processes each, with CPU time
// and peak RSS, without a saved parse state; then parse and compile with one model edited since the
// last run, so they reuse target/partial_parse.json (cold processes too: only the parse state is warm). target/ is removed once per project, then kept between runs as it is for a developer:
// compile rewrites only the compiled files that changed. (On this VM, creating thousands of files right
// after deleting thousands costs up to 10 s of kernel time, which would swamp what tsdbt does.)
// Appends nothing: prints a markdown table and rewrites the "Parse and compile" section of docs/performance.md.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const generator = path.resolve(root, "../shared/bench/gen-project.mjs");
const work = path.join(root, "bench", ".work");
const sizes = (process.env.BENCH_SIZES ?? "1000,5000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(args) {
  const out = execFileSync(process.execPath, [path.join(root, "bench", "measure-cli.mjs"), ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  const m = JSON.parse(out.trim().split("\n").pop());
  if (m.exit_code !== 0) throw new Error(`tsdbt ${args.join(" ")} exited ${m.exit_code}`);
  return m;
}

const rows = [];
for (const n of sizes) {
  const dir = path.join(work, `gen-${n}`);
  execFileSync(process.execPath, [generator, "--models", String(n), "--out", dir, "--flavor", "dbt", "--seed", "7", "--force"], { stdio: "ignore" });
  const args = ["--project-dir", dir, "--profiles-dir", dir];
  const state = path.join(dir, "target", "partial_parse.json");
  // one model to edit for the warm parse: a mart, whose SQL refs others
  const edited = path.join(dir, "models", "marts", fs.readdirSync(path.join(dir, "models", "marts")).sort()[0]);
  const martFile = path.join(edited, fs.readdirSync(edited).filter((f) => f.endsWith(".sql")).sort()[0]);
  const original = fs.readFileSync(martFile, "utf8");
  const edit = (i) => fs.writeFileSync(martFile, `${original}\n-- edit ${i}\n`);
  const cases = [
    { command: "parse", label: "`tsdbt parse`", before: () => fs.rmSync(state, { force: true }), partial: false },
    { command: "compile", label: "`tsdbt compile`", before: () => fs.rmSync(state, { force: true }), partial: false },
    { command: "parse", label: "`tsdbt parse`, one model edited (partial parse)", before: edit, partial: true },
    { command: "compile", label: "`tsdbt compile`, one model edited (partial parse)", before: edit, partial: true },
  ];
  fs.rmSync(path.join(dir, "target"), { recursive: true, force: true });
  for (const c of cases) {
    const runs = [];
    measure([c.command, ...args]); // writes target/ once (compiled files, the parse state)
    for (let i = 0; i < RUNS; i++) {
      c.before(i);
      const r = measure([c.command, ...args]);
      if (r.partial_parse !== c.partial) throw new Error(`${c.label}: partial parse ${r.partial_parse ? "used" : "not used"}`);
      runs.push(r);
    }
    const row = { models: n, label: c.label, wall_s: median(runs.map((r) => r.wall_ms)) / 1000, load_s: median(runs.map((r) => r.load_ms)) / 1000, cpu_s: median(runs.map((r) => r.cpu_ms)) / 1000, rss_mb: median(runs.map((r) => r.max_rss_mb)) };
    rows.push(row);
    process.stdout.write(`${n} models, ${c.label}: ${row.wall_s.toFixed(3)} s (cpu ${row.cpu_s.toFixed(2)} s), ${row.rss_mb} MB\n`);
  }
  fs.writeFileSync(martFile, original);
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const table = [
  "| models | command | wall (median of " + RUNS + " cold processes) | of which loading tsdbt | CPU (user + system, all threads) | peak RSS |",
  "|---:|---|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.models} | ${r.label} | ${r.wall_s < 1 ? `${Math.round(r.wall_s * 1000)} ms` : `${r.wall_s.toFixed(2)} s`} | ${Math.round(r.load_s * 1000)} ms | ${r.cpu_s.toFixed(2)} s | ${r.rss_mb} MB |`),
].join("\n");
const load = os.loadavg()[0].toFixed(2);
const section = `## Parse and compile\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:parse\` on ${machine}, 1-minute load ${load} at the end.\nProjects from \`../shared/bench/gen-project.mjs --flavor dbt --seed 7\` (two tests per model, 10% incremental, 5% calling a macro); each figure is a cold process (loading tsdbt's modules included; Node's own start-up of ~40 ms is not). \`tsdbt parse\` and \`tsdbt compile\` run without a saved parse state (target/partial_parse.json removed before each run), as a first parse does; the partial parse runs edit one mart model before each run. target/ is otherwise kept between runs, as a developer's is: compile rewrites only compiled files that changed.\n\n${table}\n`;
const doc = path.join(root, "docs", "performance.md");
let text = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "# Performance\n";
text = /## Parse and compile\n[\s\S]*?(?=\n## |$)/.test(text) ? text.replace(/## Parse and compile\n[\s\S]*?(?=\n## |$)/, section) : `${text.trimEnd()}\n\n${section}`;
fs.writeFileSync(doc, text);
process.stdout.write(`\n${table}\n`);
