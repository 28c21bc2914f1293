#!/usr/bin/env node
// npm run bench — every benchmark in order: bench:parse (bench/parse-compile.mjs), bench:run
// (bench/run-duckdb.mjs), bench:seed (bench/seed-1m.mjs), then the Jinja render benchmark
// (bench/jinja-render.mjs, whose lines are also written to the "Jinja render" section of
// docs/performance.md). Build first: npx tsc --build. Stops at the first benchmark that fails.
// `node bench/run-all.mjs seed jinja` runs only the steps named (parse, run, seed, jinja).
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { load1, machine, root, writeSection } from "./bench-util.mjs";

const script = (name) => path.join(root, "bench", name);
const steps = process.argv.slice(2).length ? process.argv.slice(2) : ["parse", "run", "seed", "jinja"];
const scripts = { parse: "parse-compile.mjs", run: "run-duckdb.mjs", seed: "seed-1m.mjs" };
for (const step of steps) if (!(step in scripts) && step !== "jinja") throw new Error(`unknown step ${step}: use parse, run, seed, jinja`);
for (const name of ["parse", "run", "seed"].filter((s) => steps.includes(s)).map((s) => scripts[s])) {
  process.stdout.write(`\n== node bench/${name} (load ${load1().toFixed(2)})\n`);
  execFileSync(process.execPath, [script(name)], { stdio: "inherit", cwd: root });
}

if (!steps.includes("jinja")) process.exit(0);
process.stdout.write(`\n== node bench/jinja-render.mjs (load ${load1().toFixed(2)})\n`);
const load = load1();
const out = execFileSync(process.execPath, [script("jinja-render.mjs")], { encoding: "utf8", cwd: root });
process.stdout.write(out);
const rows = out
  .trim()
  .split("\n")
  .map((line) => /^(.*): cold compile\+render median (\S+) µs, cached render median (\S+) µs \((\d+) renders\)$/.exec(line))
  .filter(Boolean);
writeSection(
  "Jinja render",
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench\` (\`node bench/jinja-render.mjs\`) on ${machine()}, load ${load.toFixed(2)}.
One process; "cold" = a fresh environment compiling and rendering the template (median of 20), "cached" = rendering again in the same environment.

| template | cold compile + render | cached render (median) |
|---|---:|---:|
${rows.map((m) => `| ${m[1]} | ${m[2]} µs | ${m[3]} µs (of ${m[4]}) |`).join("\n")}
`,
);
