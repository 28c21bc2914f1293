/**
 * target/run files of incremental models and snapshots on PostgreSQL (TSDBT_PG_URL, else PGlite)
 * hold what dbt-core 1.10 + dbt-postgres's hold (checked on the oracle with the same project): on
 * the first run the `create table` of the model or snapshot; on later runs the statements that
 * wrote the new rows into it (an incremental model's delete and insert, an append's insert, a
 * snapshot's update and insert), not the build of those rows. A snapshot written in YAML has its
 * file at snapshots/<file>.yml/<file>.yml/<name>.sql, as dbt's. (The statements' text is tsdbt's:
 * only their kind and target are compared.)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { dropPostgresSchema } from "./helpers/postgres-profile";

let pg: TestPostgres;
let dir: string;
let schema: string;
beforeAll(async () => {
  pg = await startTestPostgres();
  schema = uniqueSchemaName("run_files");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-run-files-"));
  const files: Record<string, string> = {
    "dbt_project.yml": "name: runfiles\nversion: '1.0'\nconfig-version: 2\nprofile: runfiles\n",
    "profiles.yml": ["runfiles:", "  target: dev", "  outputs:", "    dev:", ...["type: postgres", `host: ${pg.host}`, `port: ${pg.port}`, `user: ${pg.user}`, `password: "${pg.password}"`, `dbname: ${pg.database}`, `schema: ${schema}`, "threads: 1"].map((l) => `      ${l}`), ""].join("\n"),
    "models/base.sql": "select 1 as id, 'a' as v, now()::timestamp as updated_at\n",
    "models/inc.sql": "{{ config(materialized='incremental', unique_key='id') }}\nselect id, v from {{ ref('base') }}\n{% if is_incremental() %} where id > (select coalesce(max(id), 0) from {{ this }}) {% endif %}\n",
    "models/inc_append.sql": "{{ config(materialized='incremental') }}\nselect id, v from {{ ref('base') }}\n",
    "snapshots/snap.sql": `{% snapshot snap %}\n{{ config(target_schema='${schema}', unique_key='id', strategy='check', check_cols=['v']) }}\nselect id, v from {{ ref('base') }}\n{% endsnapshot %}\n`,
    "snapshots/snap_ts.yml": "snapshots:\n  - name: snap_ts\n    relation: ref('base')\n    config:\n      unique_key: id\n      strategy: timestamp\n      updated_at: updated_at\n",
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}, 120000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (pg) await dropPostgresSchema(pg, schema);
  await pg?.stop();
});

async function tsdbt(args: string[]): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const r = await invoke([...args, "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: () => undefined });
  expect(r.exitCode).toBe(0);
}

const RUN_FILES = ["models/inc.sql", "models/inc_append.sql", "snapshots/snap.sql", "snapshots/snap_ts.yml/snap_ts.yml/snap_ts.sql"];

/** Each statement of a run file as its kind and the relation it writes: `delete from inc`. */
function writes(file: string): string[] {
  const text = fs.readFileSync(path.join(dir, "target", "run", "runfiles", file), "utf8");
  return [...text.matchAll(/^\s*(create\s+table|delete\s+from|insert\s+into|update|merge\s+into)\s+((?:"[^"]+"\.)*"([^"]+)")/gim)].map((m) => `${m[1]!.replace(/\s+/g, " ").toLowerCase()} ${m[3]}`);
}

it("hold the create on the first run and the statements that wrote the new rows on the next, as dbt's", async () => {
  await tsdbt(["run"]);
  await tsdbt(["snapshot"]);
  expect(RUN_FILES.map(writes)).toEqual([["create table inc"], ["create table inc_append"], ["create table snap"], ["create table snap_ts"]]);
  fs.rmSync(path.join(dir, "target", "run"), { recursive: true, force: true });
  await tsdbt(["run"]);
  await tsdbt(["snapshot"]);
  expect(RUN_FILES.map(writes)).toEqual([["delete from inc", "insert into inc"], ["insert into inc_append"], ["update snap", "insert into snap"], ["update snap_ts", "insert into snap_ts"]]);
}, 120000);
