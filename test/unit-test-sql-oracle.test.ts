/**
 * Unit tests compile to the SQL dbt-core compiles for them, on PostgreSQL (TSDBT_PG_URL, else
 * PGlite): fixtures as CTEs named `__dbt__cte__<input>` in the order the model reads them (`this`
 * first), laid out as dbt's get_fixture_sql writes them (`-- Fixture for <name>`, values through
 * safe_cast to the input relation's column types, missing columns `cast(null as type)`, an empty
 * fixture `limit 0`), an input the model does not read left out, sql fixtures as written,
 * `{{ this }}` None without a `this` input, and vars/env_vars/macros overridden; the compiled SQL under
 * target/compiled/<package>/<properties file>/<folder>/<test>.sql; the manifest's rows as dbt
 * keeps them (csv read into text values, the first row without nulls moved to the top).
 * Expected: test/fixtures/unit-test-sql/oracle.json, recorded from dbt-core 1.10 + dbt-postgres
 * by record-oracle.mjs there.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { dropPostgresSchema, writePostgresProfile } from "./helpers/postgres-profile";

const FIXTURE = path.join(__dirname, "fixtures", "unit-test-sql");
interface TestGolden {
  compiledPath: string;
  compiled: string;
  given: unknown;
  expect: unknown;
  status: string;
}
const oracle = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle.json"), "utf8")) as Record<string, TestGolden>;

let pg: TestPostgres;
let dir: string;
const schema = uniqueSchemaName("unit_sql");
beforeAll(async () => {
  pg = await startTestPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-unit-sql-"));
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  writePostgresProfile(dir, "unit_test_sql", pg, schema, "dev");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  for (const args of [["seed"], ["run"], ["test", "--select", "test_type:unit"]]) {
    const result = await invoke([...args, "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: () => undefined });
    expect(result.exitCode).toBe(0);
  }
}, 120000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (pg) await dropPostgresSchema(pg, schema);
  await pg?.stop();
});

const ids = Object.keys(oracle);

it.each(ids)("%s compiles to dbt's SQL, written where dbt writes it", (id) => {
  const file = path.join(dir, oracle[id]!.compiledPath);
  expect(fs.existsSync(file)).toBe(true);
  expect(fs.readFileSync(file, "utf8")).toBe(oracle[id]!.compiled);
});

it("records the unit tests' rows in the manifest as dbt does, and each test passes as under dbt", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "target", "manifest.json"), "utf8")) as { unit_tests: Record<string, { given: unknown; expect: unknown }> };
  const results = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8")).results as { unique_id: string; status: string }[];
  const ours = Object.fromEntries(ids.map((id) => [id, { given: manifest.unit_tests[id]?.given, expect: manifest.unit_tests[id]?.expect, status: results.find((r) => r.unique_id === id)?.status }]));
  expect(ours).toEqual(Object.fromEntries(ids.map((id) => [id, { given: oracle[id]!.given, expect: oracle[id]!.expect, status: oracle[id]!.status }])));
});
