#!/usr/bin/env node
/**
 * `npm run test:mutation -- <target> [<target>…]`: mutation-tests one target at a time with
 * StrykerJS (see scripts/mutation-targets.mjs for the targets, stryker.config.mjs for the settings)
 * and prints each target's time. With no argument it lists the targets. Any further `--flag` is
 * passed to Stryker (e.g. `--concurrency 2`, `--force` to ignore the incremental file).
 */
import { spawnSync } from "node:child_process";
import { MUTATION_TARGETS } from "./mutation-targets.mjs";

const args = process.argv.slice(2);
const targets = args.filter((a) => !a.startsWith("-") && !/^\d+$/.test(a));
const passThrough = args.filter((a) => !targets.includes(a));
if (targets.length === 0) {
  console.log(`Usage: npm run test:mutation -- <target>…  (targets: ${Object.keys(MUTATION_TARGETS).join(", ")}, or all)`);
  process.exit(0);
}
const chosen = targets.includes("all") ? Object.keys(MUTATION_TARGETS) : targets;
const unknown = chosen.filter((t) => !(t in MUTATION_TARGETS));
if (unknown.length > 0) {
  console.error(`Unknown mutation target(s): ${unknown.join(", ")}. Known: ${Object.keys(MUTATION_TARGETS).join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const target of chosen) {
  const started = Date.now();
  const run = spawnSync("npx", ["stryker", "run", "stryker.config.mjs", ...passThrough], {
    stdio: "inherit",
    env: { ...process.env, TSDBT_MUTATION_TARGET: target },
  });
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`mutation target ${target}: ${run.status === 0 ? "done" : "FAILED"} in ${minutes} min`);
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
