/**
 * Seeds on PostgreSQL (TSDBT_PG_URL, else PGlite) get the column types and values dbt-core 1.10 +
 * dbt-postgres give them: numbers as agate reads them (`1,000` and `1e3` integers, `$10.50`, `5%`
 * and `2.50` floats with the symbols dropped, `1.0` whole, NaN in a float column, Infinity loaded
 * as NaN), ISO timestamps with a `T` in any of isodate's forms (a zone converted to UTC, the
 * session's zone here), and text for `1/2/2024`, `2024/01/02`, `Jan 2, 2024`, `10:00:00`,
 * `(5)`, zoned timestamps written with a blank, and a mix of ISO and plain timestamps; a seed dbt
 * fails to load (NaN among integers) fails too. Expected: test/fixtures/seed-inference/oracle.json,
 * recorded from dbt by record-oracle.mjs there.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { writePostgresProfile } from "./helpers/postgres-profile";

const FIXTURE = path.join(__dirname, "fixtures", "seed-inference");
type SeedGolden = { status: string; columns?: string[]; rows?: string[] };
const oracle = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle.json"), "utf8")) as Record<string, SeedGolden>;

let pg: TestPostgres;
let dir: string;
let schema: string;
let client: Client;
beforeAll(async () => {
  pg = await startTestPostgres();
  schema = uniqueSchemaName("seed_inference");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-seed-inference-"));
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  writePostgresProfile(dir, "seed_inference", pg, schema, "dev");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  await invoke(["seed", "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: () => undefined });
  client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
  await client.connect();
}, 120000);
afterAll(async () => {
  await client?.query(`drop schema if exists "${schema}" cascade`);
  await client?.end();
  fs.rmSync(dir, { recursive: true, force: true });
  await pg?.stop();
});

it.each(Object.keys(oracle))("seed %s loads as under dbt", async (table) => {
  const results = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8")).results as { unique_id: string; status: string }[];
  const status = results.find((r) => r.unique_id.endsWith(`.${table}`))?.status;
  if (oracle[table]!.status !== "success") {
    expect(status).toBe(oracle[table]!.status);
    return;
  }
  const columns = (await client.query({ text: "select column_name || ' ' || data_type from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position", values: [schema, table], rowMode: "array" })).rows.map((x) => x[0]);
  const rows = (await client.query({ text: `select t::text from "${schema}".${table} t order by 1`, rowMode: "array" })).rows.map((x) => x[0]);
  expect({ status, columns, rows }).toEqual(oracle[table]);
});
