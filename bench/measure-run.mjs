// Like measure-cli.mjs (one tsdbt command in this cold process; wall from before the CLI's modules
// load to invoke()'s return, Node's own boot excluded), plus DuckDB statement times when started with
// `node --require ./bench/statement-timer.cjs bench/measure-run.mjs run …`.
// Prints one JSON line: wall_ms, max_rss_mb, exit_code, statements, statement_sum_ms (every statement's
// duration added up, overlapping ones each counted), statement_busy_ms (time with >= 1 statement in flight),
// statement_kinds ({kind: {count, ms}}, kind = the SQL's first words)
// and, when tsdbt exits non-zero, output_tail (the end of what it printed).
import { createRequire } from "node:module";
import { BroadcastChannel } from "node:worker_threads";
const require = createRequire(import.meta.url);
const started = performance.now();

const intervals = [];
const channel = globalThis.__tsdbtStatementTimer ? new BroadcastChannel(globalThis.__tsdbtStatementTimer) : null;
if (channel) {
  channel.onmessage = (event) => intervals.push(event.data);
  channel.unref();
}

const { invoke } = require("../packages/cli/bin/entry.js").loadCli().cli;
const tail = []; // the last lines tsdbt printed, reported only when it fails
const result = await invoke(process.argv.slice(2), {
  write: (text) => {
    tail.push(String(text));
    if (tail.length > 20) tail.shift();
  },
});
const wall = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 100)); // let the last statement messages arrive

const kinds = {};
for (const [a, b, kind] of intervals) {
  const k = (kinds[kind] ??= { count: 0, ms: 0 });
  k.count++;
  k.ms += b - a;
}
for (const k of Object.values(kinds)) k.ms = Math.round(k.ms);
let sum = 0;
let busy = 0;
let end = -Infinity;
for (const [a, b] of intervals.sort((x, y) => x[0] - y[0])) {
  sum += b - a;
  if (b > end) {
    busy += b - Math.max(a, end);
    end = b;
  }
}
process.stdout.write(
  `${JSON.stringify({
    wall_ms: Math.round(wall),
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    exit_code: result.exitCode,
    statements: channel ? intervals.length : null,
    statement_sum_ms: channel ? Math.round(sum) : null,
    statement_busy_ms: channel ? Math.round(busy) : null,
    statement_kinds: channel ? kinds : null,
    ...(result.exitCode !== 0 ? { output_tail: tail.join("\n").slice(-4000) } : {}),
  })}\n`,
);
process.exit(0);
