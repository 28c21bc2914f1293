// Shared helpers of the benchmarks: cold-process measurement, medians, machine line, docs sections.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const work = path.join(root, "bench", ".work");
export const generator = path.resolve(root, "../shared/bench/gen-project.mjs");

/** The middle value (upper middle for even counts, as bench/parse-compile.mjs does). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `2 × AMD EPYC …, 24 GiB, Node v20…`. */
export function machine() {
  return `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * What touching fresh memory costs on this machine: a new process writes 128 MB it has just
 * allocated, and the time is given per 100 MB and per page fault. A process pays it for each page
 * of its heap, so where this figure is high, memory-hungry tools are slow whatever their code does
 * (docs/performance.md, tenth step: the VM it was measured on has days where a page fault takes ~10 µs).
 */
export function freshMemoryCost() {
  const script = `const before = process.resourceUsage().minorPageFault; const t = performance.now();
    Buffer.allocUnsafeSlow(128 << 20).fill(1);
    const ms = performance.now() - t; const faults = process.resourceUsage().minorPageFault - before;
    process.stdout.write(JSON.stringify({ ms: ms * 100 / 128, us: faults > 0 ? ms * 1000 / faults : null }));`;
  const { ms, us } = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
  return `touching fresh memory took ${Math.round(ms)} ms per 100 MB${us === null ? "" : ` (${us.toFixed(1)} µs per page fault)`}`;
}

/** The 1-minute load average, as `uptime` shows it. */
export const load1 = () => os.loadavg()[0];

/**
 * Runs one tsdbt command in a fresh Node process (bench/measure-run.mjs, which times DuckDB statements
 * through the bench/statement-timer.cjs preload) and returns its JSON line plus `process_ms`, the
 * parent's wall from spawn to exit (Node boot and teardown included) and `load1` before the start.
 */
export function measureCold(args, { check = true } = {}) {
  const load = load1();
  const t0 = performance.now();
  const out = execFileSync(
    process.execPath,
    ["--require", path.join(root, "bench", "statement-timer.cjs"), path.join(root, "bench", "measure-run.mjs"), ...args],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const process_ms = Math.round(performance.now() - t0);
  const m = JSON.parse(out.trim().split("\n").pop());
  if (check && m.exit_code !== 0) throw new Error(`tsdbt ${args.join(" ")} exited ${m.exit_code}`);
  return { ...m, process_ms, load1: load };
}

/** Replaces (or appends) the `## title` section of docs/performance.md, up to the next `## ` heading. */
export function writeSection(title, body) {
  const doc = path.join(root, "docs", "performance.md");
  const section = `## ${title}\n\n${body.trim()}\n`;
  let text = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "# Performance\n";
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`## ${escaped}\\n[\\s\\S]*?(?=\\n## |$)`);
  text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}`;
  fs.writeFileSync(doc, text);
}

/** Sums of a run_results.json: execution_time and its compile/execute phases, in ms, and statuses. */
export function runResultsSums(file) {
  const results = JSON.parse(fs.readFileSync(file, "utf8")).results;
  const sums = { nodes: results.length, execution_ms: 0, compile_ms: 0, execute_ms: 0, statuses: {} };
  for (const r of results) {
    sums.statuses[r.status] = (sums.statuses[r.status] ?? 0) + 1;
    sums.execution_ms += r.execution_time * 1000;
    for (const t of r.timing) {
      const ms = Date.parse(t.completed_at) - Date.parse(t.started_at);
      if (t.name === "compile") sums.compile_ms += ms;
      else sums.execute_ms += ms;
    }
  }
  return sums;
}

/** One line saying why a run failed: the first errored node from run_results.json, else the output's tail. */
export function describeFailedRun(resultsFile, measurement) {
  const first = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")).results.find((r) => r.status === "error") : null;
  return first ? `${first.unique_id}: ${first.message}` : (measurement.output_tail ?? "").trim().split("\n").slice(-6).join(" / ");
}
