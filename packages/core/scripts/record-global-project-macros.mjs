#!/usr/bin/env node
// Records what real dbt-core renders for each case of a fixture file of global-project macro cases
// ({name, template, compare}), as the case's `expected`: the compiled text of a model holding the
// template (execute = true), or for `compare: "error"` the message dbt-core stops with.
// Templates may name `__SCHEMA__` and `__DATABASE__`: the script then first builds the fixture schema
// (a table `t` with a comment, a view `v`, a materialized view `mv`) as the test does.
// Usage: node record-global-project-macros.mjs <fixture.json> [/opt/dbt-venv/bin/dbt]
//   (PostgreSQL at 127.0.0.1:5432, user postgres, database test). Facts only: nothing of dbt's code is copied.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const fixturePath = process.argv[2];
const dbt = process.argv[3] ?? "/opt/dbt-venv/bin/dbt";
const fixture = JSON.parse(fs.readFileSync(fixturePath, "utf8"));
const schema = "ctx_oracle_fx";
const database = "test";
const fill = (text) => text.replaceAll("__SCHEMA__", schema).replaceAll("__DATABASE__", database);
const psql = (sql) => execFileSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qc", sql]);

const usesSchema = fixture.cases.some((c) => c.template.includes("__SCHEMA__"));
if (usesSchema) psql(fs.readFileSync(path.join(path.dirname(fixturePath), "setup.sql"), "utf8").replaceAll("__SCHEMA__", schema));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "global-macros-"));
fs.mkdirSync(path.join(dir, "models"));
fs.writeFileSync(path.join(dir, "dbt_project.yml"), "name: oracle\nprofile: oracle\n");
fs.writeFileSync(path.join(dir, "profiles.yml"), `oracle:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: 127.0.0.1\n      port: 5432\n      user: postgres\n      password: ""\n      dbname: ${database}\n      schema: ctx_oracle\n      threads: 1\n`);
const env = { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: "false" };
const rendered = fixture.cases.filter((c) => c.compare !== "error");
for (const c of rendered) fs.writeFileSync(path.join(dir, "models", `${c.name}.sql`), `{% if execute %}${fill(c.template)}{% endif %}`);
spawnSync(dbt, ["compile", "--profiles-dir", dir, "--project-dir", dir], { cwd: dir, env, stdio: "inherit" });
for (const c of rendered) {
  const file = path.join(dir, "target", "compiled", "oracle", "models", `${c.name}.sql`);
  if (!fs.existsSync(file)) throw new Error(`dbt did not compile ${c.name}`);
  c.expected = fs.readFileSync(file, "utf8");
}
for (const c of fixture.cases.filter((c) => c.compare === "error")) {
  const r = spawnSync(dbt, ["--quiet", "compile", "--profiles-dir", dir, "--project-dir", dir, "--inline", fill(c.template)], { cwd: dir, env, encoding: "utf8" });
  // the message is the line after "Error while parsing node: inline_query" (or after "Compilation Error")
  const lines = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const at = lines.findIndex((l) => /Error while parsing node|Compilation Error/.test(l));
  c.expected = lines[at + 1]?.trim() ?? "";
}
const version = spawnSync(dbt, ["--version"], { env, encoding: "utf8" }).stdout;
const core = /installed:\s*(\S+)/.exec(version)?.[1];
const postgres = /postgres:\s*(\S+)/.exec(version)?.[1];
fixture._about = `What dbt-core ${core} + dbt-postgres ${postgres} renders for each template on PostgreSQL (execute = true; \`expected\` of an error case: dbt's message). Recorded by packages/core/scripts/record-global-project-macros.mjs; do not edit by hand.`;
fs.writeFileSync(fixturePath, JSON.stringify(fixture, null, 1) + "\n");
if (usesSchema) psql(`drop schema if exists "${schema}" cascade`);
fs.rmSync(dir, { recursive: true, force: true });
console.log(`${fixture.cases.length} cases recorded`);
