/*
 * Replacing tables and views on PostgreSQL (the server of TSDBT_PG_URL, else PGlite): the rows the
 * server reports, a view replaced in place while its columns stay, and the views over a swapped
 * relation kept (or left dropped when the new relation can no longer serve them).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-postgres";
import { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MacroPort, NodeResult, RunEvent } from "../types";

let server: TestPostgres;
let dir: string;
let adapter: Adapter;
let schema: string;
beforeAll(async () => {
  server = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "tsdbt-replace-pg-"));
}, 120000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  schema = uniqueSchemaName("tsdbt_swap");
  adapter = createAdapter(postgresTargetOf(server, schema), { projectDir: dir, targetPath: dir });
  await adapter.open();
  await adapter.execute(`create schema ${schema}`, { fetch: false });
});
afterEach(async () => {
  await adapter.execute(`drop schema if exists ${schema} cascade`, { fetch: false });
  await adapter.close();
});

/**
 * Builds model `m`; its result and its statements as the run log shows them (catalog queries
 * shortened). `engine`: the adapter as the build sees it (see {@link engine}); `macros`: the project's.
 */
async function build(materialized: "table" | "view", sql: string, options: { engine?: Adapter; macros?: MacroPort } = {}): Promise<{ result: NodeResult; sent: string[]; warnings: string[] }> {
  const spec: NodeSpec = { name: "m", sql, config: { materialized, schema } };
  const target = options.engine ?? adapter;
  const { manifest, compiler, ids } = project(target, [spec]);
  if (options.macros) Object.assign(compiler, { macros: options.macros });
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter: target, selected: ids, threads: 1, projectDir: dir, onEvent: (e) => events.push(e) });
  const sent = events.flatMap((e) => (e.kind === "node_sql" ? [e.sql.startsWith("with recursive dependents") ? `<dependents query>` : e.sql.replace(/\s+/g, " ")] : []));
  const warnings = events.flatMap((e) => (e.kind === "node_debug" && e.level === "warn" ? [e.message] : []));
  return { result: summary.results[0]!, sent, warnings };
}

/** A cancel, as PostgreSQL reports it (SQLSTATE 57014). */
const cancelled = () => Object.assign(new Error("canceling statement due to user request"), { code: "57014" });

/**
 * The PostgreSQL adapter with other capabilities or dialect parts, cancelled (before it reaches
 * the server) on the first statement matching `cancelOn`.
 */
function engine(changes: { capabilities?: Partial<Adapter["capabilities"]>; dialect?: Partial<Adapter["dialect"]>; cancelOn?: RegExp } = {}): Adapter {
  let cancelledOnce = false;
  const cancelling = (execute: Adapter["execute"]): Adapter["execute"] => async (sql, options) => {
    if (!cancelledOnce && changes.cancelOn?.test(sql)) {
      cancelledOnce = true;
      throw cancelled();
    }
    return execute(sql, options);
  };
  const own = {
    capabilities: { ...adapter.capabilities, ...changes.capabilities },
    dialect: { ...adapter.dialect, ...changes.dialect },
    execute: cancelling(adapter.execute.bind(adapter)),
    transaction: <T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>) => adapter.transaction((tx) => fn({ execute: cancelling(tx.execute.bind(tx)) })),
  };
  // (the adapter's capabilities and dialect are getters: shadowed by own properties)
  return Object.create(adapter, Object.fromEntries(Object.entries(own).map(([key, value]) => [key, { value }]))) as Adapter;
}

/** A relation of the test schema as the runner renders it. */
const qualified = (name: string) => `"${server.database}"."${schema}"."${name}"`;
const viewOid = async (name: string) => (await rows(adapter, `select '${schema}.${name}'::regclass::oid::int as oid`))[0]!.oid;
const relationsIn = async () => (await rows(adapter, `select table_name from information_schema.tables where table_schema = '${schema}' order by 1`)).map((r) => r.table_name);

describe("replacing relations on PostgreSQL", () => {
  it("reports the rows a table was built with, as dbt does", async () => {
    const { result } = await build("table", "select 1 as id union all select 2");
    expect([result.status, result.message, result.adapter_response]).toEqual(["success", "SELECT 2", { _message: "SELECT 2", code: "SELECT", rows_affected: 2 }]);
    const view = await build("view", "select 1 as id");
    expect([view.result.message, view.result.adapter_response]).toEqual(["CREATE VIEW", { _message: "CREATE VIEW", code: "CREATE VIEW", rows_affected: -1 }]);
  });

  it("replaces a view in place while its columns stay, leaving the views over it as they are", async () => {
    await build("view", "select 1 as id, 'a' as name");
    await adapter.execute(`create view ${schema}.over_m as select id from ${schema}.m`, { fetch: false });
    const before = await viewOid("over_m");
    const { result, sent } = await build("view", "select 2 as id, 'b' as name");
    expect(result.status).toBe("success");
    expect(sent).toEqual(['savepoint "tsdbt_replace"', `create or replace view ${qualified("m")} as ( select 2 as id, 'b' as name )`, 'release savepoint "tsdbt_replace"']);
    expect(await viewOid("over_m")).toBe(before);
    expect(await rows(adapter, `select id from ${schema}.over_m`)).toEqual([{ id: 2 }]);
  });

  it("swaps a view whose columns changed, recreating the views over it that still work and warning about one that reads a dropped column", async () => {
    await build("view", "select 1 as id, 'a' as name");
    await adapter.execute(`create view ${schema}.ids as select id from ${schema}.m; create view ${schema}.names as select name from ${schema}.m`, { fetch: false });
    const { result, sent, warnings } = await build("view", "select 3 as id, 7 as amount");
    expect(result.status).toBe("success");
    expect(warnings).toEqual([
      `model.proj.m: could not recreate the view ${schema}.names over ${qualified("m")} on the new relation (a column it reads is gone or changed); dropped, as in dbt: rebuild to restore.`,
    ]);
    expect(sent.slice(0, 4)).toEqual([
      'savepoint "tsdbt_replace"',
      `create or replace view ${qualified("m")} as ( select 3 as id, 7 as amount )`,
      'rollback to savepoint "tsdbt_replace"',
      'release savepoint "tsdbt_replace"',
    ]);
    expect(sent).toContain(`alter view ${qualified("m__tsdbt_tmp")} rename to "m"`);
    expect(sent).toContain("select pg_catalog.pg_advisory_xact_lock(1953719394, 1)");
    expect(await rows(adapter, `select id from ${schema}.ids`)).toEqual([{ id: 3 }]);
    expect(await relationsIn()).toEqual(["ids", "m"]);
    await adapter.execute(`create view ${schema}.a as select amount from ${schema}.m; create view ${schema}.b as select amount from ${schema}.m`, { fetch: false });
    expect((await build("view", "select 3 as id")).warnings).toEqual([expect.stringMatching(new RegExp(`^model\\.proj\\.m: could not recreate the views ${schema}\\.a, ${schema}\\.b over `))]);
    expect(await relationsIn()).toEqual(["ids", "m"]);
  });

  it("keeps the views over a table it rebuilds, in the order they read each other", async () => {
    await build("table", "select 1 as id");
    await adapter.execute(
      `create view ${schema}.v1 as select id from ${schema}.m; create view ${schema}.v2 as select id + 1 as id from ${schema}.v1; create view ${schema}.v3 as select a.id from ${schema}.v2 a join ${schema}.v1 b on true`,
      { fetch: false },
    );
    const { result, warnings } = await build("table", "select 5 as id");
    expect([result.status, warnings]).toEqual(["success", []]);
    expect(await rows(adapter, `select id from ${schema}.v3`)).toEqual([{ id: 6 }]);
    expect(await relationsIn()).toEqual(["m", "v1", "v2", "v3"]);
  });

  it("recreates the views over a table in one statement, each after the views it reads even when it is older than them", async () => {
    await build("table", "select 1 as id");
    // later_reader is created first, then made to read early_read, created after it
    await adapter.execute(
      `create view ${schema}.later_reader as select id from ${schema}.m; create view ${schema}.early_read as select id from ${schema}.m; create or replace view ${schema}.later_reader as select id from ${schema}.early_read`,
      { fetch: false },
    );
    const { result, sent, warnings } = await build("table", "select 4 as id");
    expect([result.status, warnings]).toEqual(["success", []]);
    expect(sent.filter((s) => s.startsWith('savepoint "tsdbt_dependents"'))).toEqual([
      expect.stringMatching(new RegExp(`create view ${schema}\\.early_read as .*; create view ${schema}\\.later_reader as .*release savepoint "tsdbt_dependents"$`)),
    ]);
    expect(await rows(adapter, `select id from ${schema}.later_reader`)).toEqual([{ id: 4 }]);
  });

  it("where the engine has no savepoints, recreates the views over a swapped table one statement each, without a warning", async () => {
    await build("table", "select 1 as id");
    await adapter.execute(`create view ${schema}.v1 as select id from ${schema}.m; create view ${schema}.v2 as select id from ${schema}.v1`, { fetch: false });
    const { result, sent, warnings } = await build("table", "select 6 as id", { engine: engine({ dialect: { savepoints: undefined } }) });
    expect([result.status, warnings]).toEqual(["success", []]);
    expect(sent.filter((s) => /^create view /.test(s))).toEqual([expect.stringMatching(new RegExp(`^create view ${schema}\\.v1 as `)), expect.stringMatching(new RegExp(`^create view ${schema}\\.v2 as `))]);
    expect(sent.filter((s) => /savepoint/.test(s))).toEqual([]);
    expect(await rows(adapter, `select id from ${schema}.v2`)).toEqual([{ id: 6 }]);
  });

  it("fails the build on a cancel while recreating the views, leaving the old table and its views", async () => {
    await build("table", "select 1 as id");
    await adapter.execute(`create view ${schema}.v1 as select id from ${schema}.m`, { fetch: false });
    const { result } = await build("table", "select 7 as id", { engine: engine({ cancelOn: /^savepoint "tsdbt_dependents"/ }) });
    expect(result.status).toBe("error");
    expect(result.message).toContain("canceling statement due to user request");
    expect(await rows(adapter, `select id from ${schema}.v1`)).toEqual([{ id: 1 }]);
  });

  it("fails the build on a cancel while replacing a view in place, rather than swapping it", async () => {
    await build("view", "select 1 as id");
    const { result, sent } = await build("view", "select 2 as id", { engine: engine({ cancelOn: /^create or replace view / }) });
    expect(result.status).toBe("error");
    expect(result.message).toContain("canceling statement due to user request");
    expect(sent.filter((s) => /rename/.test(s))).toEqual([]);
    expect(await rows(adapter, `select id from ${schema}.m`)).toEqual([{ id: 1 }]);
  });

  it("swaps a view in, without trying create or replace, where a table is in the way or the engine cannot keep columns", async () => {
    await build("table", "select 1 as id");
    const overTable = await build("view", "select 2 as id");
    expect(overTable.sent.filter((s) => /savepoint|create or replace/.test(s))).toEqual([]);
    expect(overTable.sent[0]).toBe(`create view ${qualified("m__tsdbt_tmp")} as ( select 2 as id )`);
    const noKeeping = await build("view", "select 3 as id", { engine: engine({ capabilities: { replaceViewKeepingColumns: false } }) });
    expect(noKeeping.sent.filter((s) => /savepoint|create or replace/.test(s))).toEqual([]);
    expect(noKeeping.sent[0]).toBe(`create view ${qualified("m__tsdbt_tmp")} as ( select 3 as id )`);
    expect(await rows(adapter, `select id from ${schema}.m`)).toEqual([{ id: 3 }]);
  });

  it("sends an overridden create_view_as's SQL for a view it replaces, under a temp name", async () => {
    await build("view", "select 1 as id");
    const macros: MacroPort = {
      materialization: () => null,
      runMaterialization: () => ({ relations: [], message: null, rowsAffected: null }),
      overrides: (_id, names) => (names.includes("create_view_as") ? ["macro.proj.create_view_as"] : []),
      exists: () => true,
      call: (_id, name, args) => {
        const ref = (args[0] as { ref: { schema: string; identifier: string } }).ref;
        return name === "get_create_view_as_sql" ? `create view "${ref.schema}"."${ref.identifier}" as ${String(args[1])} /* project's create_view_as */` : "";
      },
    };
    const { result, sent } = await build("view", "select 2 as id", { macros });
    expect(result.status).toBe("success");
    expect(sent[0]).toBe(`create view "${schema}"."m__tsdbt_tmp" as select 2 as id /* project's create_view_as */`);
    expect(sent.filter((s) => /savepoint|create or replace/.test(s))).toEqual([]);
    expect(await rows(adapter, `select id from ${schema}.m`)).toEqual([{ id: 2 }]);
  });

  it("sends no lock and reads no definitions when nothing reads the relation", async () => {
    await build("table", "select 1 as id");
    await build("view", "select 1 as id");
    const { sent } = await build("table", "select 2 as id");
    expect(sent.filter((s) => /advisory|dependents/.test(s))).toEqual(["<dependents query>"]);
  });
});
