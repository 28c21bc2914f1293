#!/usr/bin/env node
/**
 * `node scripts/mutation-score.mjs reports/mutation/<a>.json [<b>.json …]`: the mutation score of
 * Stryker JSON reports, per file and in total, for a target measured in several runs (batches of
 * files). A file in more than one report counts once, from the last report naming it.
 * Score: (killed + timed out) / (killed + timed out + survived + not covered); mutants a
 * `// Stryker disable` comment turned off ("Ignored") and those the checker rejected do not count.
 */
import { readFileSync } from "node:fs";

const reports = process.argv.slice(2);
if (reports.length === 0) {
  console.log("Usage: node scripts/mutation-score.mjs <stryker json report>…");
  process.exit(0);
}

/** @type {Map<string, Record<string, number>>} */
const files = new Map();
for (const report of reports) {
  const { files: entries } = JSON.parse(readFileSync(report, "utf8"));
  for (const [path, file] of Object.entries(entries)) {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
    files.set(path, counts);
  }
}

const STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "Ignored", "CompileError", "RuntimeError"];
const total = Object.fromEntries(STATUSES.map((s) => [s, 0]));
const score = (c) => {
  const detected = (c.Killed ?? 0) + (c.Timeout ?? 0);
  const scored = detected + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
  return scored === 0 ? "n/a" : `${((100 * detected) / scored).toFixed(1)} %`;
};
const row = (name, c) => `${name.padEnd(28)} ${score(c).padStart(8)}  ${STATUSES.map((s) => `${s} ${c[s] ?? 0}`).join(", ")}`;
for (const [path, counts] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  for (const s of STATUSES) total[s] += counts[s] ?? 0;
  console.log(row(path.split("/").pop(), counts));
}
console.log(row("total", total));
