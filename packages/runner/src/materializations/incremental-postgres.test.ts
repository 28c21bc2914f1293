/*
 * The incremental materialization on PostgreSQL, where the server reports how many rows each
 * statement wrote: the result message carries them, as dbt's does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-postgres";
import { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";

let server: TestPostgres;
let dir: string;
let adapter: Adapter;
let schema: string;
beforeAll(async () => {
  server = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "tsdbt-inc-pg-"));
  schema = uniqueSchemaName("tsdbt_inc");
  adapter = createAdapter(
    postgresTargetOf(server, schema),
    { projectDir: dir, targetPath: dir },
  );
  await adapter.open();
  await adapter.execute(`create schema ${schema}`);
  await adapter.execute(`create table ${schema}.src (id integer, v text)`);
}, 120000);
afterAll(async () => {
  await adapter?.execute(`drop schema if exists ${schema} cascade`).catch(() => undefined);
  await adapter?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function run(config: Record<string, unknown>) {
  const spec: NodeSpec = { name: "inc", sql: `select id, v from ${schema}.src`, config: { materialized: "incremental", schema, ...config } };
  const { manifest, compiler, ids } = project(adapter, [spec]);
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: dir });
  return summary.results[0]!;
}

describe("incremental materialization on PostgreSQL", () => {
  it("reports the rows the first build selected, then the rows each incremental run wrote", async () => {
    await adapter.execute(`insert into ${schema}.src values (1, 'one'), (2, 'two')`);
    const first = await run({ unique_key: "id" });
    expect([first.status, first.message]).toEqual(["success", "SELECT 2"]);

    await adapter.execute(`update ${schema}.src set v = 'TWO' where id = 2; insert into ${schema}.src values (3, 'three')`);
    const second = await run({ unique_key: "id" });
    // with a unique key, PostgreSQL's default strategy is delete+insert: its insert's command tag
    // is the message, as dbt-postgres reports it (`INSERT 0 3`: oid 0, three rows)
    expect([second.status, second.message]).toEqual(["success", "INSERT 0 3"]);
    expect(await rows(adapter, `select id, v from ${schema}.inc order by id`)).toEqual([
      { id: 1, v: "one" },
      { id: 2, v: "TWO" },
      { id: 3, v: "three" },
    ]);

    const appended = await run({ incremental_strategy: "append" });
    expect(appended.message).toBe("INSERT 0 3");
    expect(await rows(adapter, `select count(*)::int as n from ${schema}.inc`)).toEqual([{ n: 6 }]);
  });
});
