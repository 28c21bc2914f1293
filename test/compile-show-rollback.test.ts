/**
 * `compile` and `show` leave the warehouse as dbt-core 1.10 + dbt-postgres leave it (checked on the
 * oracle): statements a template runs (`run_query('create table …')`, whose columns it then sees) in `compile --inline`,
 * `compile -s`, `show --inline` and `show -s` are rolled back, and `show` runs its query in the
 * same transaction, after them (it sees the table). `show` prints dbt's heading ("Previewing inline
 * node:" for inline SQL) and dbt's JSON (indented; no node name for inline SQL).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { writePostgresProfile } from "./helpers/postgres-profile";

let pg: TestPostgres;
let dir: string;
let schema: string;
let client: Client;
beforeAll(async () => {
  pg = await startTestPostgres();
  schema = uniqueSchemaName("rollback");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-rollback-"));
  fs.mkdirSync(path.join(dir, "models"));
  fs.writeFileSync(path.join(dir, "dbt_project.yml"), "name: rollback\nversion: '1.0'\nconfig-version: 2\nprofile: rollback\n");
  writePostgresProfile(dir, "rollback", pg, schema, "dev");
  fs.writeFileSync(
    path.join(dir, "models", "compiled_model.sql"),
    `{% do run_query('create table ${schema}.from_compile_s (x int, y text)') %}{% set made = api.Relation.create(schema='${schema}', identifier='from_compile_s') %} select {{ adapter.get_columns_in_relation(made) | length }} as a\n`,
  );
  fs.writeFileSync(path.join(dir, "models", "shown_model.sql"), `{% do run_query('create table ${schema}.from_show_s (x int)') %} select count(*) as a from ${schema}.from_show_s\n`);
  client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
  await client.connect();
  await client.query(`create schema "${schema}"`);
}, 120000);
afterAll(async () => {
  await client?.query(`drop schema if exists "${schema}" cascade`);
  await client?.end();
  fs.rmSync(dir, { recursive: true, force: true });
  await pg?.stop();
});

async function tsdbt(args: string[]): Promise<{ exitCode: number; stdout: string; output: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const out: string[] = [];
  const all: string[] = [];
  const r = await invoke([...args, "--project-dir", dir, "--profiles-dir", dir], {
    cwd: dir,
    write: (line, stream) => {
      if (stream === "stdout") out.push(line);
      all.push(line);
    },
  });
  return { exitCode: r.exitCode, stdout: out.join("\n"), output: all.join("\n") };
}

const tables = async () => (await client.query({ text: "select table_name from information_schema.tables where table_schema = $1 order by 1", values: [schema], rowMode: "array" })).rows.map((r) => r[0]);

it("compile --inline and compile -s leave nothing of what their templates ran", async () => {
  const inline = await tsdbt(["compile", "--inline", `{% do run_query('create table ${schema}.from_compile_inline (x int)') %} select 1 as a`]);
  expect(inline.exitCode).toBe(0);
  expect(inline.stdout).toContain("Compiled inline node is:\n select 1 as a");
  expect((await tsdbt(["compile", "-s", "compiled_model"])).exitCode).toBe(0);
  // the template sees the columns of the table it created, in the transaction that is then rolled back
  expect(fs.readFileSync(path.join(dir, "target", "compiled", "rollback", "models", "compiled_model.sql"), "utf8").trim()).toBe("select 2 as a");
  expect(await tables()).toEqual([]);
});

it("show --inline and show -s run their query after the template's statements, in one transaction rolled back", async () => {
  const inline = await tsdbt(["show", "--inline", `{% do run_query('create table ${schema}.from_show_inline (x int)') %} select count(*) as a from ${schema}.from_show_inline`]);
  expect(inline.exitCode).toBe(0);
  expect(inline.stdout).toContain("Previewing inline node:\n| a |\n| - |\n| 0 |");
  const json = await tsdbt(["show", "-s", "shown_model", "--output", "json"]);
  expect(json.exitCode).toBe(0);
  expect(json.stdout.slice(json.stdout.lastIndexOf("\n{") + 1)).toBe('{\n  "node": "shown_model",\n  "show": [\n    {\n      "a": 0\n    }\n  ]\n}');
  const inlineJson = await tsdbt(["show", "--inline", "select 1 as a", "--output", "json"]);
  expect(inlineJson.stdout.slice(inlineJson.stdout.lastIndexOf("\n{") + 1)).toBe('{\n  "show": [\n    {\n      "a": 1\n    }\n  ]\n}');
  expect(await tables()).toEqual([]);
});

it("compile reports a template's own error after its statements, and leaves nothing of them", async () => {
  const failing = await tsdbt(["compile", "--inline", `{% do run_query('create table ${schema}.from_failed_compile (x int)') %}{{ exceptions.raise_compiler_error('stop here') }}`]);
  expect(failing.exitCode).toBe(2);
  expect(failing.output).toContain("stop here");
  expect(await tables()).toEqual([]);
});
