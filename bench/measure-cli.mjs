// Runs one tsdbt command in this process and prints {"wall_ms", "load_ms", "cpu_ms", "main_cpu_ms", "max_rss_mb",
// "exit_code", "partial_parse"} as JSON (CPU time, user + system, is steadier than wall time on a busy machine;
// main_cpu_ms is the main thread's alone, from the command's start, without V8's background threads and worker
// threads: on an idle machine with a free core, what wall time follows; Linux only, else null; load_ms is the
// time spent loading tsdbt's modules; partial_parse says whether a parse reused target/partial_parse.json).
// Used by the benchmarks so each measurement is a cold process: `node bench/measure-cli.mjs parse --project-dir X`.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(import.meta.url);
/** CPU time of this process's main thread so far, in ms (/proc/self/task/<pid>/schedstat: run time in ns). */
const mainThreadCpu = () => {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return null;
  }
};
const started = performance.now();
const mainStarted = mainThreadCpu();
const loadedCli = require("../packages/cli/bin/entry.js").loadCli(process.argv.slice(2));
// a stale bundle (a `tsc --build` after the last `npm run build`) loads ~250 modules from dist/ instead: not what users run
if (!loadedCli.bundled && process.env.BENCH_ALLOW_DIST !== "1") {
  process.stderr.write("bench/measure-cli.mjs: the CLI bundle is stale or missing (run `npm run build`), so tsdbt would load from dist/; set BENCH_ALLOW_DIST=1 to measure that anyway\n");
  process.exit(1);
}
const { invoke } = loadedCli.cli;
const loaded = performance.now();
let partial = null;
const onEvent = (e) => {
  if (e.name === "ParseDone") partial = Boolean(e.data?.partial);
  else if (e.name === "PartialParse") partial = true;
  else if (e.name === "PartialParsingNotEnabled") partial = false;
};
const result = await invoke(process.argv.slice(2), { write: () => undefined, onEvent });
const wall = performance.now() - started;
const usage = process.resourceUsage();
const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
const mainCpu = mainStarted === null ? null : Math.round(mainThreadCpu() - mainStarted);
process.stdout.write(`${JSON.stringify({ wall_ms: Math.round(wall), load_ms: Math.round(loaded - started), cpu_ms: Math.round(cpu), main_cpu_ms: mainCpu, max_rss_mb: Math.round(usage.maxRSS / 1024), exit_code: result.exitCode, partial_parse: partial })}\n`);
process.exit(0);
