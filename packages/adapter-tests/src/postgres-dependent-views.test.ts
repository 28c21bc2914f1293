/**
 * PostgreSQL-specific part of keeping views over a rebuilt relation: what the conformance suite
 * cannot check portably — a view's options, grants, comments and a materialized view over the
 * swapped table, a view in another schema, concurrent swaps, and a node's transaction run again
 * after the server picked it as a deadlock's victim.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import type { Adapter } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-postgres";
import { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "./postgres-server";
import { runSpecs } from "./test-project";

let server: TestPostgres;
let dir: string;
let adapter: Adapter;
let schema: string;
let other: string;
beforeAll(async () => {
  server = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "tsdbt-pg-dependents-"));
}, 120000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  schema = uniqueSchemaName("tsdbt_dep");
  other = `${schema}_other`;
  adapter = createAdapter(
    postgresTargetOf(server, schema, 2),
    { projectDir: dir, targetPath: dir },
  );
  await adapter.open();
});
afterEach(async () => {
  await adapter.execute(`drop schema if exists "${schema}" cascade; drop schema if exists "${other}" cascade`, { fetch: false });
  await adapter.close();
});

const rows = async (sql: string) => (await adapter.execute(sql)).rows;

describe("a PostgreSQL rebuild of a relation with views over it", () => {
  it("recreates them with their options, grants and comments, including a materialized view and a view in another schema", async () => {
    const base = (v: number) => [{ name: "base", sql: `select ${v} as id, 'n' as name`, config: { materialized: "table" } }];
    await runSpecs(adapter, base(1), { schema, projectDir: dir });
    await adapter.execute(
      [
        `create view "${schema}".guarded with (security_barrier = true) as select id from "${schema}".base`,
        `grant select on "${schema}".guarded to public`,
        `comment on view "${schema}".guarded is 'a guarded view'`,
        `comment on column "${schema}".guarded.id is 'the key'`,
        `create materialized view "${schema}".totals as select count(*) as n, max(id) as top from "${schema}".guarded`,
        `create schema "${other}"`,
        `create view "${other}".elsewhere as select top from "${schema}".totals`,
      ].join(";\n"),
      { fetch: false },
    );
    const { summary } = await runSpecs(adapter, base(2), { schema, projectDir: dir });
    expect(summary.results.map((r) => r.status)).toEqual(["success"]);
    const [guarded] = await rows(
      `select c.reloptions::text as options, c.relacl::text like '%=r/%' as public_select, obj_description(c.oid, 'pg_class') as comment,
         col_description(c.oid, 1) as column_comment
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '${schema}' and c.relname = 'guarded'`,
    );
    expect(guarded).toEqual({ options: "{security_barrier=true}", public_select: true, comment: "a guarded view", column_comment: "the key" });
    // the materialized view is recreated with data from the new table, and the view over it in another schema reads it
    expect(await rows(`select top from "${other}".elsewhere`)).toEqual([{ top: 2 }]);
  });

  it("keeps a view that reads two tables rebuilt at the same time, on 2 threads, ten times over", async () => {
    const specs = (v: number) => [
      { name: "left_t", sql: `select ${v} as id`, config: { materialized: "table" } },
      { name: "right_t", sql: `select ${v} as id`, config: { materialized: "table" } },
    ];
    await runSpecs(adapter, specs(0), { schema, projectDir: dir });
    await adapter.execute(`create view "${schema}".both_sides as select l.id from "${schema}".left_t as l join "${schema}".right_t as r using (id)`, { fetch: false });
    for (let v = 1; v <= 10; v++) {
      const { summary } = await runSpecs(adapter, specs(v), { schema, projectDir: dir, threads: 2 });
      expect(summary.results.map((r) => r.status)).toEqual(["success", "success"]);
      expect(await rows(`select id from "${schema}".both_sides`)).toEqual([{ id: v }]);
    }
  });
});

describe("a PostgreSQL node's transaction chosen as a deadlock's victim", () => {
  it("runs again and succeeds", async () => {
    if (server.kind !== "server") return; // needs two sessions and a settable deadlock_timeout (a real server)
    await adapter.execute(`create schema "${schema}"; create table "${schema}".a (v int); create table "${schema}".b (v int); create sequence "${schema}".attempts`, { fetch: false });
    const other = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.database });
    await other.connect();
    try {
      await other.query(`begin; lock table "${schema}".b in access exclusive mode`);
      const hooks = [
        `select nextval('"${schema}".attempts')`,
        // this session checks for deadlocks first, so the server picks it as the victim
        "set local deadlock_timeout = '100ms'",
        `lock table "${schema}".a in access exclusive mode`,
        "select pg_sleep(0.5)",
        `lock table "${schema}".b in access exclusive mode`,
      ];
      const run = runSpecs(adapter, [{ name: "m", sql: "select 1 as v", config: { materialized: "table", "pre-hook": hooks } }], { schema, projectDir: dir });
      // once the node holds a, the other session asks for a while holding b: a cycle when the node asks for b
      for (let i = 0; i < 100; i++) {
        const held = await other.query(`select 1 from pg_locks l join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = '${schema}' and c.relname = 'a' and l.granted and l.pid <> pg_backend_pid()`);
        if (held.rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await other.query(`lock table "${schema}".a in access exclusive mode`);
      await other.query("commit");
      const { summary } = await run;
      expect(summary.results.map((r) => [r.status, r.message])).toEqual([["success", "SELECT 1"]]);
      expect(await rows(`select last_value from "${schema}".attempts`)).toEqual([{ last_value: 2 }]);
    } finally {
      await other.end();
    }
  }, 30000);
});
