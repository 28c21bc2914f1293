#!/usr/bin/env node
// Records what PyYAML's `yaml.safe_dump` (the dumper behind dbt's `toyaml()`) writes for a
// seeded set of generated values, into src/context/__fixtures__/pyyaml-dump.json.
// Needs the oracle's Python: `bash ../shared/oracle/setup.sh` installs /opt/dbt-venv.
//   node packages/core/scripts/record-pyyaml-dump.mjs [/path/to/python]
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const python = process.argv[2] ?? "/opt/dbt-venv/bin/python";
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "context", "__fixtures__", "pyyaml-dump.json");

// mulberry32: a small seeded generator, so the recorded inputs are the same on every run
let seed = 20261205;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// ordinary words most of the time, so that plain and single-quoted folding get exercised, not only escapes
const WORDS = ["a", "id", "select", "from", "where", "customer_lifetime_value", "x".repeat(40), "y".repeat(85), "12", "yes", "null", "a:b", "key:", "#c", "-", "'q'", '"dq"', "2020-01-01", "1.5", "~"];
const RARE = ["é", "tab\there", "\u2028", "\r"];
const GAPS = [" ", " ", " ", " ", " ", " ", "  ", "\n", "\n\n", " \n", "\n ", ": ", " #"];

function text() {
  const words = 1 + Math.floor(random() * 24);
  let s = pick(["", "", "", "", " ", "\n", "- "]);
  for (let i = 0; i < words; i++) s += (i ? pick(GAPS) : "") + (random() < 0.02 ? pick(RARE) : pick(WORDS));
  return s + pick(["", "", "", " ", "\n"]);
}

function value(depth) {
  const r = random();
  if (depth >= 3 || r < 0.45) return r < 0.05 ? pick([1, true, null, -7]) : text();
  if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
  const dict = {};
  for (let i = Math.floor(random() * 4); i > 0; i--) dict[pick(["name", "description", "k", "tests", "config", "zz_" + i])] = value(depth + 1);
  return dict;
}

const cases = Array.from({ length: 300 }, (_, i) => ({ value: value(0), sortKeys: i % 5 === 0 }));
const script = "import json, sys, yaml\nprint(json.dumps([yaml.safe_dump(c['value'], sort_keys=c['sortKeys']) for c in json.load(sys.stdin)]))";
const dumped = JSON.parse(execFileSync(python, ["-c", script], { input: JSON.stringify(cases), encoding: "utf8" }));
const fixture = {
  _about: "PyYAML safe_dump output (the dumper of dbt's toyaml) for seeded generated values; written by scripts/record-pyyaml-dump.mjs, do not edit by hand.",
  cases: cases.map((c, i) => ({ ...c, expected: dumped[i] })),
};
fs.writeFileSync(out, JSON.stringify(fixture, null, 1) + "\n");
console.log(`wrote ${cases.length} cases to ${out}`);
