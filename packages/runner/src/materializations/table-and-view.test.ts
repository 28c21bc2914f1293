import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dispose } = await openDuckDb()));
afterEach(() => dispose());

async function run(specs: NodeSpec[], extra: { capabilities?: Partial<Adapter["capabilities"]> } = {}) {
  const { manifest, compiler, ids } = project(adapter, specs);
  // An engine with fewer capabilities: the same DuckDB connection seen through other flags.
  const target: Adapter = extra.capabilities ? Object.assign(Object.create(adapter) as Adapter, { capabilities: { ...adapter.capabilities, ...extra.capabilities } }) : adapter;
  return runNodes({ manifest, compiler, adapter: target, selected: ids, threads: 2, projectDir: "/" });
}

describe("table and view materializations on DuckDB", () => {
  it("builds a table and a view over it, creating the schema they live in", async () => {
    const summary = await run([
      { name: "orders", sql: "select 1 as id, 10 as amount union all select 2, 20", config: { materialized: "table", schema: "mart" } },
      { name: "big_orders", sql: 'select * from "mart"."orders" where amount > 15', dependsOn: ["model.proj.orders"], config: { schema: "mart" } },
    ]);
    expect(summary.results.map((r) => [r.unique_id, r.status])).toEqual([
      ["model.proj.orders", "success"],
      ["model.proj.big_orders", "success"],
    ]);
    expect(await rows(adapter, "select id, amount from mart.orders order by id")).toEqual([{ id: 1, amount: 10 }, { id: 2, amount: 20 }]);
    expect(await rows(adapter, "select id from mart.big_orders")).toEqual([{ id: 2 }]);
    const types = await rows(adapter, "select table_name, table_type from information_schema.tables where table_schema = 'mart' order by 1");
    expect(types).toEqual([
      { table_name: "big_orders", table_type: "VIEW" },
      { table_name: "orders", table_type: "BASE TABLE" },
    ]);
  });

  it("replaces a table with new contents and can turn a table into a view", async () => {
    await run([{ name: "m", sql: "select 1 as v", config: { materialized: "table" } }]);
    await run([{ name: "m", sql: "select 2 as v", config: { materialized: "table" } }]);
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 2 }]);
    await run([{ name: "m", sql: "select 3 as v", config: { materialized: "view" } }]);
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 3 }]);
    expect(await rows(adapter, "select table_type from information_schema.tables where table_name = 'm'")).toEqual([{ table_type: "VIEW" }]);
  });

  it("keeps the previous table intact when the build fails after creating the temp relation", async () => {
    await run([{ name: "m", sql: "select 1 as v union all select 2", config: { materialized: "table" } }]);
    const summary = await run([
      {
        name: "m",
        sql: "select 99 as v",
        config: { materialized: "table", "post-hook": ["select error('post-hook exploded')"] },
      },
    ]);
    expect(summary.results[0]).toMatchObject({ status: "error", message: expect.stringContaining("post-hook exploded") });
    expect(await rows(adapter, "select v from m order by v")).toEqual([{ v: 1 }, { v: 2 }]);
    const left = await rows(adapter, "select table_name from information_schema.tables where table_name like 'm__tsdbt%'");
    expect(left).toEqual([]);
  });

  it("keeps the previous table when the model's own SQL fails at run time", async () => {
    await run([{ name: "m", sql: "select 1 as v", config: { materialized: "table" } }]);
    const summary = await run([{ name: "m", sql: "select cast('x' as integer) as v", config: { materialized: "table" } }]);
    expect(summary.results[0]!.status).toBe("error");
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 1 }]);
  });

  it.each([
    ["without transactional DDL", { transactionalDdl: false }],
    ["without transactional DDL or renames", { transactionalDdl: false, renameRelation: false }],
  ])("replaces tables and views on an engine %s", async (_label, capabilities) => {
    await run([{ name: "m", sql: "select 1 as v", config: { materialized: "table" } }], { capabilities });
    await run([{ name: "m", sql: "select 2 as v", config: { materialized: "table" } }], { capabilities });
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 2 }]);
    await run([{ name: "m", sql: "select 3 as v", config: { materialized: "view" } }], { capabilities });
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 3 }]);
    expect(await rows(adapter, "select table_name from information_schema.tables where table_schema = 'main'")).toEqual([{ table_name: "m" }]);
  });

  it("without transactional DDL, a failing build still leaves the previous table intact", async () => {
    const capabilities = { transactionalDdl: false };
    await run([{ name: "m", sql: "select 1 as v", config: { materialized: "table" } }], { capabilities });
    const summary = await run([{ name: "m", sql: "select cast('x' as integer) as v", config: { materialized: "table" } }], { capabilities });
    expect(summary.results[0]!.status).toBe("error");
    expect(await rows(adapter, "select table_name from information_schema.tables where table_schema = 'main'")).toEqual([{ table_name: "m" }]);
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 1 }]);
  });

  it("drops temp and backup relations left by an interrupted earlier build", async () => {
    await adapter.execute("create table m__tsdbt_tmp as select 1 as junk");
    await adapter.execute("create view m__tsdbt_backup as select 1 as junk");
    await run([{ name: "m", sql: "select 5 as v", config: { materialized: "table" } }]);
    expect(await rows(adapter, "select table_name from information_schema.tables where table_schema = 'main' order by 1")).toEqual([{ table_name: "m" }]);
  });

  it("runs pre- and post-hooks inside and outside the transaction, in order, with {{ this }} rendered", async () => {
    await adapter.execute("create table audit (step varchar, seen integer)");
    await run([
      {
        name: "m",
        sql: "select 1 as v",
        config: {
          materialized: "table",
          "pre-hook": [{ sql: "insert into audit values ('pre-outside', null)", transaction: false }, "insert into audit values ('pre-inside', null)"],
          "post-hook": [
            "insert into audit select 'post-inside', count(*) from {{ this }}",
            { sql: "insert into audit select 'post-outside', count(*) from {{ this }}", transaction: false },
          ],
        },
      },
    ]);
    expect(await rows(adapter, "select step, seen from audit order by rowid")).toEqual([
      { step: "pre-outside", seen: null },
      { step: "pre-inside", seen: null },
      { step: "post-inside", seen: 1 },
      { step: "post-outside", seen: 1 },
    ]);
  });

  it("persists the model and column descriptions as comments when persist_docs asks", async () => {
    await run([
      {
        name: "m",
        sql: "select 1 as id, 'x' as label",
        description: "One row per thing.",
        columns: { id: "The key.", missing: "Not built." },
        config: { materialized: "table", persist_docs: { relation: true, columns: true } },
      },
    ]);
    expect(await rows(adapter, "select comment from duckdb_tables() where table_name = 'm'")).toEqual([{ comment: "One row per thing." }]);
    expect(await rows(adapter, "select column_name, comment from duckdb_columns() where table_name = 'm' order by column_index")).toEqual([
      { column_name: "id", comment: "The key." },
      { column_name: "label", comment: null },
    ]);
  });

  it("runs nothing for an ephemeral model, leaves it out of the results and still orders its dependents", async () => {
    const summary = await run([
      { name: "base", sql: "select 1 as v", config: { materialized: "table" } },
      { name: "eph", sql: "select 1", dependsOn: ["model.proj.base"], config: { materialized: "ephemeral" } },
      { name: "top", sql: "select * from base", dependsOn: ["model.proj.eph"], config: { materialized: "table" } },
    ]);
    expect(summary.results.map((r) => r.unique_id)).toEqual(["model.proj.base", "model.proj.top"]);
    expect(await rows(adapter, "select count(*) as n from information_schema.tables where table_name = 'eph'")).toEqual([{ n: 0 }]);
  });

  it("reports an unknown materialization as a coded error naming the model", async () => {
    const summary = await run([{ name: "m", sql: "select 1", config: { materialized: "snapshotty" } }]);
    expect(summary.results[0]!.message).toMatch(/^Runtime Error in model m \(models\/m\.sql\)\n  models\/m\.sql: TSDBT-E401: Model m is materialized as 'snapshotty'.*\n    hint: Use one of view, table, incremental, ephemeral/);
  });

  it("refuses a materialized_view on an engine whose dialect cannot create one (TSDBT-E401)", async () => {
    const summary = await run([{ name: "m", sql: "select 1", config: { materialized: "materialized_view" } }]);
    expect(summary.results[0]!.status).toBe("error");
    expect(summary.results[0]!.message).toMatch(/TSDBT-E401: Model m is materialized as 'materialized_view', which the duckdb adapter cannot build\.\n    hint: Use `materialized: table`/);
  });
});
