/**
 * End-to-end on PostgreSQL (TSDBT_PG_URL, else PGlite): a project whose root `test`
 * materialization wraps dbt's built-in one, as monitoring packages (elementary) have their users
 * do. The wrapper logs each test to a table, narrows not_null tests through `context.update`, and
 * calls `dbt.materialization_test_default` through another macro with `.call_macro()`. Built twice,
 * every test's status, failures, message, adapter_response and relation_name, the log table and the
 * stored failing rows must be what real dbt-core 1.10 + dbt-postgres gave for the same project
 * (test/fixtures/wrapped-test-materialization, golden file recorded by record-oracle.mjs there):
 * among them, that only the log rows of the test that commits (the one storing its failures) stay.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { writePostgresProfile } from "./helpers/postgres-profile";

const FIXTURE = path.join(__dirname, "fixtures", "wrapped-test-materialization");

interface Golden {
  builds: { exitCode: number; results: Record<string, unknown>[] }[];
  testLog: Record<string, unknown>[];
  storedFailures: Record<string, unknown>[];
}

let pg: TestPostgres;
let dir: string;
const schema = uniqueSchemaName("wrapped_tests");
const builds: Golden["builds"] = [];
const golden = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle.postgres.json"), "utf8")) as Golden;

async function rows(relation: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
  await client.connect();
  try {
    // as the golden file reads them: JSON rows, sorted by their text
    const r = await client.query(`select coalesce(json_agg(t order by t::text), '[]') as rows from ${relation} t`);
    return r.rows[0].rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  pg = await startTestPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-wrapped-tests-"));
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  writePostgresProfile(dir, "wrapped_tests", pg, schema, "pg");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  for (let i = 0; i < 2; i++) {
    const run = await invoke(["build", "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: () => undefined });
    const written = JSON.parse(fs.readFileSync(path.join(dir, "target", "run_results.json"), "utf8")) as { results: Record<string, unknown>[] };
    const results = written.results
      .filter((r) => String(r.unique_id).startsWith("test."))
      .map((r) => ({
        unique_id: r.unique_id,
        status: r.status,
        failures: r.failures,
        message: r.message,
        adapter_response: r.adapter_response,
        relation_name: typeof r.relation_name === "string" ? r.relation_name.replaceAll(schema, "<schema>").replaceAll(`"${pg.database}"`, '"test"') : null,
      }))
      .sort((a, b) => String(a.unique_id).localeCompare(String(b.unique_id)));
    builds.push({ exitCode: run.exitCode, results });
  }
}, 180000);

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (pg) {
    const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_dbt_test__audit" cascade`);
    } finally {
      await client.end();
    }
    await pg.stop();
  }
});

describe("a root project's test materialization wrapping dbt.materialization_test_default", () => {
  it("gives each test dbt-core's status, failures, message, response and stored relation, in both builds", () => {
    expect(builds).toEqual(golden.builds);
  });

  it("keeps the wrapper's statements only where the test commits, as dbt-core does", async () => {
    expect(await rows(`"${schema}"."test_log"`)).toEqual(golden.testLog);
  });

  it("stores the failing rows the second build replaced", async () => {
    expect(await rows(`"${schema}_dbt_test__audit"."accepted_values_orders_status__placed__shipped"`)).toEqual(golden.storedFailures);
  });
});
