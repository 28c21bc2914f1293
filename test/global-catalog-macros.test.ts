/**
 * The catalogue macros of dbt's global project (list_relations_without_caching, list_schemas,
 * check_schema_exists, get_catalog, get_catalog_relations, get_column_schema_from_query) against
 * PostgreSQL (TSDBT_PG_URL, else PGlite): each template of
 * test/fixtures/global-catalog-macros/oracle.postgres.json is compiled as a model over the schema
 * that setup.sql builds, and must print what dbt-core 1.10.23 + dbt-postgres printed over the same
 * schema (recorded by packages/core/scripts/record-global-project-macros.mjs).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { runApi } from "./helpers/fixture-project";

const FIXTURES = path.join(__dirname, "fixtures", "global-catalog-macros");
const golden = JSON.parse(fs.readFileSync(path.join(FIXTURES, "oracle.postgres.json"), "utf8")) as { cases: { name: string; template: string; expected: string }[] };
/** The names the oracle ran with (replaced by this run's). */
const ORACLE = { schema: "ctx_oracle_fx", database: "test" };

let server: TestPostgres;
let schema: string;
let dir: string;
const compiled = new Map<string, string>();

async function sql(text: string): Promise<void> {
  const client = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startTestPostgres();
  schema = uniqueSchemaName("catalog_macros");
  await sql(fs.readFileSync(path.join(FIXTURES, "setup.sql"), "utf8").replaceAll("__SCHEMA__", schema));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-catalog-"));
  const target = Object.entries(postgresTargetOf(server, `${schema}_build`)).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`);
  fs.writeFileSync(path.join(dir, "dbt_project.yml"), "name: catalog\nprofile: catalog\n");
  fs.writeFileSync(path.join(dir, "profiles.yml"), ["catalog:", "  target: pg", "  outputs:", "    pg:", ...target, ""].join("\n"));
  fs.mkdirSync(path.join(dir, "models"));
  const fill = (text: string) => text.replaceAll("__SCHEMA__", schema).replaceAll("__DATABASE__", server.database);
  for (const c of golden.cases) fs.writeFileSync(path.join(dir, "models", `${c.name}.sql`), `{% if execute %}${fill(c.template)}{% endif %}`);
  const r = await runApi(["compile", "--project-dir", dir, "--profiles-dir", dir], { projectFlags: false });
  if (r.exitCode !== 0) throw new Error(r.output);
  for (const c of golden.cases) compiled.set(c.name, fs.readFileSync(path.join(dir, "target", "compiled", "catalog", "models", `${c.name}.sql`), "utf8"));
}, 120_000);

afterAll(async () => {
  if (server) {
    await sql(`drop schema if exists "${schema}" cascade`);
    await server.stop();
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the global project's catalogue macros on PostgreSQL", () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))("%s gives what dbt-core gives", (name, c) => {
    const expected = c.expected.replaceAll(`'${ORACLE.schema}'`, `'${schema}'`).replaceAll(`'${ORACLE.database}'`, `'${server.database}'`);
    expect(compiled.get(name)).toBe(expected);
  });
});
