// Runs one tsdbt command in this process and prints {"wall_ms", "cpu_ms", "max_rss_mb", "exit_code"} as JSON
// (CPU time, user + system, is steadier than wall time on a busy machine).
// Used by the benchmarks so each measurement is a cold process: `node bench/measure-cli.mjs parse --project-dir X`.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const started = performance.now();
const { invoke } = require("../packages/cli/dist/index.js");
const result = await invoke(process.argv.slice(2), { write: () => undefined });
const wall = performance.now() - started;
const usage = process.resourceUsage();
const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(`${JSON.stringify({ wall_ms: Math.round(wall), cpu_ms: Math.round(cpu), max_rss_mb: Math.round(usage.maxRSS / 1024), exit_code: result.exitCode })}\n`);
process.exit(0);
