// Runs one tsdbt command in this process and prints {"wall_ms", "load_ms", "cpu_ms", "max_rss_mb", "exit_code",
// "partial_parse"} as JSON (CPU time, user + system, is steadier than wall time on a busy machine; load_ms is the
// time spent loading tsdbt's modules; partial_parse says whether a parse reused target/partial_parse.json).
// Used by the benchmarks so each measurement is a cold process: `node bench/measure-cli.mjs parse --project-dir X`.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const started = performance.now();
const { invoke } = require("../packages/cli/bin/entry.js").loadCli().cli;
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
process.stdout.write(`${JSON.stringify({ wall_ms: Math.round(wall), load_ms: Math.round(loaded - started), cpu_ms: Math.round(cpu), max_rss_mb: Math.round(usage.maxRSS / 1024), exit_code: result.exitCode, partial_parse: partial })}\n`);
process.exit(0);
