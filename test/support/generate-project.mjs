#!/usr/bin/env node
// Writes a deterministic synthetic dbt project for tsdbt's own tests (no dependencies):
//
//   node test/support/generate-project.mjs --models N --out DIR [--seed S]
//
// Layers: 10% staging views over sources, 60% intermediate views, 30% mart tables; each non-staging
// model refs 1–3 earlier models. Exactly round(10% of N) non-staging models are incremental
// (unique_key 'id', an `{% if is_incremental() %}` filter) and max(1, round(5% of N)) call the
// project macro clean_status. Every model has a description, column docs and two generic tests.
// The project is named tsdbt_bench and carries a DuckDB profile, so `tsdbt parse` runs in it as is.
import fs from "node:fs";
import path from "node:path";

const PROJECT = "tsdbt_bench";
const LAYERS = [
  { key: "staging", prefix: "stg", materialized: "view", share: 0.1 },
  { key: "intermediate", prefix: "int", materialized: "view", share: 0.6 },
  { key: "marts", prefix: "fct", materialized: "table", share: 0.3 },
];

function readArgs(argv) {
  const args = { seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === "--models") args.models = Number(value);
    else if (key === "--out") args.out = value;
    else if (key === "--seed") args.seed = Number(value);
    else if (key === "--flavor" && value === "dbt") continue;
    else throw new Error(`generate-project: unknown argument ${key}`);
  }
  if (!Number.isInteger(args.models) || args.models < 2 || !args.out) throw new Error("usage: --models N (≥ 2) --out DIR [--seed S]");
  return args;
}

/** A small seeded pseudo-random generator (xorshift32), so a seed always gives the same project. */
function randomSource(seed) {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

function pickDistinct(random, count, size) {
  const pool = Array.from({ length: size }, (_, i) => i);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

function planModels(n, random) {
  const staging = Math.max(1, Math.round(n * LAYERS[0].share));
  const intermediate = Math.round(n * LAYERS[1].share);
  const width = Math.max(4, String(n).length);
  const models = Array.from({ length: n }, (_, i) => {
    const layer = i < staging ? LAYERS[0] : i < staging + intermediate ? LAYERS[1] : LAYERS[2];
    const parents = new Set();
    if (i >= staging) {
      const wanted = Math.min(i, 1 + Math.floor(random() * 3));
      while (parents.size < wanted) parents.add(Math.floor(random() * i));
    }
    return { layer, name: `${layer.prefix}_${String(i + 1).padStart(width, "0")}`, parents: [...parents].sort((a, b) => a - b), incremental: false, macro: false };
  });
  for (const i of pickDistinct(random, Math.min(n - staging, Math.round(n * 0.1)), n - staging)) models[staging + i].incremental = true;
  for (const i of pickDistinct(random, Math.max(1, Math.round(n * 0.05)), n)) models[i].macro = true;
  return models;
}

function modelSql(model, models) {
  const status = (column) => (model.macro ? `{{ clean_status('${column}') }}` : `lower(${column})`);
  const lines = model.incremental ? ["{{ config(materialized='incremental', unique_key='id') }}", ""] : [];
  if (model.parents.length === 0) {
    lines.push(
      "with source as (",
      `    select * from {{ source('raw', 'src_${model.name.slice(4)}') }}`,
      ")",
      "",
      `select id, customer_id, amount_cents / 100.0 as amount, ${status("status")} as status, updated_at`,
      "from source",
      "where id is not null",
    );
  } else {
    const aliases = model.parents.map((_, j) => `p${j}`);
    lines.push("with");
    model.parents.forEach((p, j) => lines.push(`${aliases[j]} as (select * from {{ ref('${models[p].name}') }})${j < aliases.length - 1 ? "," : ""}`));
    lines.push(
      "",
      "select",
      "    p0.id,",
      "    p0.customer_id,",
      `    p0.amount${aliases.slice(1).map((a) => ` + coalesce(${a}.amount, 0)`).join("")} as amount,`,
      `    ${status("p0.status")} as status,`,
      "    p0.updated_at",
      "from p0",
      ...aliases.slice(1).map((a) => `left join ${a} on p0.id = ${a}.id`),
    );
  }
  if (model.incremental) lines.push("{% if is_incremental() %}", "where p0.updated_at > (select max(updated_at) from {{ this }})", "{% endif %}");
  return lines.join("\n") + "\n";
}

function properties(layerModels, models) {
  const lines = ["version: 2", "", "models:"];
  for (const m of layerModels) {
    const from = m.parents.length ? m.parents.map((p) => models[p].name).join(", ") : "its source table";
    lines.push(
      `  - name: ${m.name}`,
      `    description: "${m.layer.key} model built from ${from}."`,
      "    columns:",
      "      - name: id",
      "        description: Primary key.",
      "        data_tests: [unique, not_null]",
      "      - name: amount",
      "        description: Amount in account currency.",
    );
  }
  return lines.join("\n") + "\n";
}

function write(root, file, text) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

const args = readArgs(process.argv.slice(2));
const models = planModels(args.models, randomSource(args.seed));
fs.rmSync(args.out, { recursive: true, force: true });
const folderConfigs = LAYERS.flatMap((l) => [`    ${l.key}:`, `      +materialized: ${l.materialized}`, `      +tags: ['${l.key}']`]);
write(args.out, "dbt_project.yml", [`name: ${PROJECT}`, "version: '1.0.0'", "config-version: 2", `profile: ${PROJECT}`, "", "models:", `  ${PROJECT}:`, ...folderConfigs, ""].join("\n"));
write(args.out, "profiles.yml", [`${PROJECT}:`, "  target: dev", "  outputs:", "    dev:", "      type: duckdb", "      path: bench.duckdb", "      schema: analytics", "      threads: 4", ""].join("\n"));
write(args.out, "macros/clean_status.sql", "{% macro clean_status(column_name, default_value='unknown') %}\n    coalesce(nullif(lower(trim({{ column_name }})), ''), '{{ default_value }}')\n{% endmacro %}\n");
const sources = models.filter((m) => m.parents.length === 0).map((m) => `      - name: src_${m.name.slice(4)}`);
write(args.out, "models/sources.yml", ["version: 2", "", "sources:", "  - name: raw", "    schema: raw", "    tables:", ...sources, ""].join("\n"));
for (const layer of LAYERS) {
  const inLayer = models.filter((m) => m.layer === layer);
  for (const m of inLayer) write(args.out, `models/${layer.key}/${m.name}.sql`, modelSql(m, models));
  if (inLayer.length) write(args.out, `models/${layer.key}/_${layer.key}__models.yml`, properties(inLayer, models));
}
process.stdout.write(`${JSON.stringify({ models: models.length, incremental: models.filter((m) => m.incremental).length, macroUsers: models.filter((m) => m.macro).length })}\n`);
