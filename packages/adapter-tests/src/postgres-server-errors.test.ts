/**
 * A statement PostgreSQL refuses fails with the text libpq prints (what dbt-postgres reports in a
 * node's message): the server's message, the statement's line with a caret under the spot, then
 * DETAIL, HINT, QUERY and CONTEXT. Expected texts: packages/adapter-postgres/golden/server-errors.libpq.json,
 * taken from psycopg2 on the dbt oracle.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-postgres";
import { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "./postgres-server";

const GOLDEN = join(__dirname, "..", "..", "adapter-postgres", "golden", "server-errors.libpq.json");
const cases = (JSON.parse(readFileSync(GOLDEN, "utf8")) as { cases: { sql: string; error: string }[] }).cases;

let server: TestPostgres;
let adapter: Adapter;
let dir: string;
const schema = uniqueSchemaName("tsdbt_pg_errors");
beforeAll(async () => {
  server = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "tsdbt-pg-errors-"));
  adapter = createAdapter({ ...postgresTargetOf(server, schema), search_path: schema }, { projectDir: dir, targetPath: dir });
  await adapter.open();
  await adapter.execute(`create schema ${schema}; create table ${schema}.gaps_probe_uq (a int primary key); insert into ${schema}.gaps_probe_uq values (1)`, { fetch: false });
}, 120000);
afterAll(async () => {
  await adapter?.execute(`drop schema ${schema} cascade`, { fetch: false }).catch(() => undefined);
  await adapter?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("postgres server errors", () => {
  it.each(cases.map((c, i) => [`${i + 1}: ${c.sql.slice(0, 60).replace(/\s+/g, " ")}`, c] as const))("%s", async (_label, { sql, error }) => {
    const thrown = await adapter.execute(sql, { fetch: false }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(thrown).toBe(error);
  });

  it("reports each statement's command tag as its status, as dbt-postgres' adapter_response", async () => {
    const statuses: (string | undefined)[] = [];
    for (const sql of [
      `create table ${schema}.tags (a int)`,
      `insert into ${schema}.tags values (1), (2), (3)`,
      `update ${schema}.tags set a = a + 1 where a > 1`,
      `select * from ${schema}.tags`,
      `create view ${schema}.tags_v as select 1 as x`,
      `drop view ${schema}.tags_v`,
    ]) {
      statuses.push((await adapter.execute(sql, { fetch: false })).status);
    }
    // what dbt 1.10 + dbt-postgres 1.9 print for these statements (load_result(...).response)
    expect(statuses).toEqual(["CREATE TABLE", "INSERT 0 3", "UPDATE 2", "SELECT 3", "CREATE VIEW", "DROP VIEW"]);
  });
});
