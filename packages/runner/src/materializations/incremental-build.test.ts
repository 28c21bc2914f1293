/*
 * The incremental materialization on DuckDB, seen from outside: the statements it sends (as the
 * run's node_sql events report them), the rows it leaves, and the result message.
 */
import type { Adapter, Capabilities, SqlDialect } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MacroPort } from "../types";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ adapter, dispose } = await openDuckDb());
  await adapter.execute("create table src (id integer, v varchar, day date)");
  await adapter.execute("insert into src values (1, 'one', '2024-01-01'), (2, 'two', '2024-01-02')");
});
afterEach(() => dispose());

const TARGET = '"warehouse"."main"."inc"';
const TEMP = '"warehouse"."main"."inc__tsdbt_tmp"';
const CREATE_TEMP = `create table ${TEMP} as (\nselect id, v, day from src\n)`;
const DROP_TEMP = `drop table if exists ${TEMP} cascade`;
const COLUMNS_OF = (relation: string) => `select * from (\nselect * from ${relation}\n) as tsdbt_limited limit 0`;
const INSERT_ALL = `insert into ${TARGET} ("id", "v", "day")\n(\n    select "id", "v", "day"\n    from ${TEMP}\n)`;

function model(config: Record<string, unknown>): NodeSpec {
  return { name: "inc", sql: "select id, v, day from src", config: { materialized: "incremental", ...config } };
}

/** The adapter with some capabilities or dialect functions replaced (what another engine would offer). */
function engineLike(base: Adapter, capabilities: Partial<Capabilities>, dialect: Partial<SqlDialect> = {}): Adapter {
  const caps = { ...base.capabilities, ...capabilities };
  const dia = { ...base.dialect, ...dialect };
  return new Proxy(base, {
    get(target, prop) {
      if (prop === "capabilities") return caps;
      if (prop === "dialect") return dia;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function run(spec: NodeSpec, options: { fullRefresh?: boolean; on?: Adapter; macros?: MacroPort } = {}) {
  const on = options.on ?? adapter;
  const { manifest, compiler, ids } = project(on, [spec]);
  if (options.macros) Object.assign(compiler, { macros: options.macros });
  const sent: string[] = [];
  const summary = await runNodes({
    manifest,
    compiler,
    adapter: on,
    selected: ids,
    threads: 1,
    projectDir: "/",
    fullRefresh: options.fullRefresh ?? false,
    onEvent: (event) => {
      if (event.kind === "node_sql") sent.push(event.sql);
    },
  });
  return { result: summary.results[0]!, sent };
}

const contents = () => rows(adapter, "select id, v from inc order by id, v");

describe("first build and rebuilds", () => {
  it("creates the table and reports CREATE TABLE, then inserts and reports INSERT with the row count", async () => {
    const first = await run(model({ incremental_strategy: "append" }));
    expect(first.sent).toEqual([`create table ${TARGET} as (\nselect id, v, day from src\n)`]);
    expect(first.result.message).toBe("CREATE TABLE");
    const second = await run(model({ incremental_strategy: "append" }));
    expect(second.sent).toEqual([CREATE_TEMP, COLUMNS_OF(TEMP), COLUMNS_OF(TARGET), INSERT_ALL, DROP_TEMP]);
    expect(second.result.message).toBe("INSERT 2");
    expect(second.result.adapter_response).toMatchObject({ rows_affected: 2 });
  });

  it("rebuilds a table when the model's full_refresh is true, without --full-refresh", async () => {
    await run(model({ incremental_strategy: "append" }));
    const { sent } = await run(model({ incremental_strategy: "append", full_refresh: true }));
    expect(sent.some((sql) => sql.startsWith("insert into"))).toBe(false);
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 2, v: "two" }]);
  });

  it("keeps incremental behaviour when full_refresh is false and --full-refresh is not given", async () => {
    await run(model({ incremental_strategy: "append" }));
    await run(model({ incremental_strategy: "append", full_refresh: false }));
    expect(await rows(adapter, "select count(*) as n from inc")).toEqual([{ n: 4 }]);
  });

  it("replaces a view of the same name with the table", async () => {
    await adapter.execute("create view inc as select 99 as id, 'old' as v, date '2024-01-01' as day");
    const { result } = await run(model({ incremental_strategy: "append" }));
    expect(result.status).toBe("success");
    expect(await rows(adapter, "select table_type from information_schema.tables where table_name = 'inc'")).toEqual([{ table_type: "BASE TABLE" }]);
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 2, v: "two" }]);
  });
});

describe("choosing the strategy", () => {
  it("merges by default where the engine has MERGE and names no default strategy of its own", async () => {
    const mergeDefault = engineLike(adapter, { defaultIncrementalStrategy: undefined });
    await run(model({ unique_key: "id" }), { on: mergeDefault });
    await adapter.execute("update src set v = 'TWO' where id = 2");
    const { sent } = await run(model({ unique_key: "id" }), { on: mergeDefault });
    expect(sent.filter((sql) => sql.startsWith("merge into"))).toHaveLength(1);
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 2, v: "TWO" }]);
  });

  it("deletes then inserts by default where the engine has no MERGE", async () => {
    const noMerge = engineLike(adapter, { merge: false });
    await run(model({ unique_key: "id" }), { on: noMerge });
    await adapter.execute("update src set v = 'TWO' where id = 2");
    const { sent } = await run(model({ unique_key: "id" }), { on: noMerge });
    expect(sent.slice(3, 5)).toEqual([`delete from ${TARGET} as DBT_INTERNAL_DEST\nwhere DBT_INTERNAL_DEST.id in (select id from ${TEMP})`, INSERT_ALL]);
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 2, v: "TWO" }]);
  });

  it("names the supported strategies and the custom-macro way out for an unknown one", async () => {
    await run(model({ incremental_strategy: "append" }));
    const { result } = await run(model({ incremental_strategy: "upsert+magic" }));
    expect(result.message).toBe(
      "Runtime Error in model inc (models/inc.sql)\n" +
        "  models/inc.sql: TSDBT-E402: Incremental model inc uses incremental_strategy 'upsert+magic', which tsdbt does not support." +
        "\n    hint: Use one of append, delete+insert, merge, insert_overwrite, microbatch, or define a macro named get_incremental_upsert_magic_sql(arg_dict) for a custom strategy.",
    );
  });

  it("does not take a name inherited from Object as a strategy", async () => {
    await run(model({ incremental_strategy: "append" }));
    const { result } = await run(model({ incremental_strategy: "toString" }));
    expect(result.message).toMatch(/TSDBT-E402: Incremental model inc uses incremental_strategy 'toString', which tsdbt does not support/);
  });

  it("runs the built-in strategy when the project only has dbt's own strategy macros, none overridden", async () => {
    const macros = {
      materialization: () => null,
      overrides: () => [],
      exists: () => true,
      call: () => {
        throw new Error("no macro should render");
      },
    } as unknown as MacroPort;
    await run(model({ incremental_strategy: "merge", unique_key: "id" }), { macros });
    const { sent, result } = await run(model({ incremental_strategy: "merge", unique_key: "id" }), { macros });
    expect(result.status).toBe("success");
    expect(sent.filter((sql) => sql.startsWith("merge into"))).toHaveLength(1);
  });

  it("reports INSERT without a count when the strategy's statement reports no rows", async () => {
    const macros = {
      materialization: () => null,
      overrides: () => [],
      exists: (_id: string, name: string) => name === "get_incremental_noop_sql",
      call: () => "select 1 as nothing_written",
    } as unknown as MacroPort;
    await run(model({ incremental_strategy: "noop" }), { macros });
    const { result } = await run(model({ incremental_strategy: "noop" }), { macros });
    expect([result.status, result.message]).toEqual(["success", "INSERT"]);
  });

  it("gives a custom strategy the target's column names with their types, even when the model now spells one differently", async () => {
    const seen: { entries: Record<string, unknown> }[] = [];
    const macros = {
      materialization: () => null,
      overrides: () => [],
      exists: (_id: string, name: string) => name === "get_incremental_copy_sql",
      call: (_id: string, _name: string, args: { entries: Record<string, unknown> }[]) => {
        seen.push(args[0]!);
        return `insert into ${TARGET} select * from ${TEMP}`;
      },
    } as unknown as MacroPort;
    await run({ name: "inc", sql: "select id as ID, v, day from src", config: { materialized: "incremental", incremental_strategy: "copy" } }, { macros });
    await run(model({ incremental_strategy: "copy" }), { macros });
    expect(seen[0]!.entries.dest_columns).toEqual([
      { kind: "column", name: "ID", type: "INTEGER" },
      { kind: "column", name: "v", type: "VARCHAR" },
      { kind: "column", name: "day", type: "DATE" },
    ]);
  });

  it("sends the SQL of a custom strategy's macro, given dbt's arg_dict", async () => {
    const seen: unknown[] = [];
    const macros = {
      materialization: () => null,
      overrides: () => [],
      exists: (_id: string, name: string) => name === "get_incremental_newest_sql",
      call: (_id: string, name: string, args: unknown[]) => {
        seen.push([name, args]);
        return `insert into ${TARGET} select * from ${TEMP} where id > (select max(id) from ${TARGET})`;
      },
    } as unknown as MacroPort;
    await run(model({ incremental_strategy: "newest" }), { macros });
    await adapter.execute("insert into src values (3, 'three', '2024-01-03')");
    const { sent, result } = await run(model({ incremental_strategy: "newest", unique_key: "id" }), { macros });
    expect(result.status).toBe("success");
    expect(sent).toContain(`insert into ${TARGET} select * from ${TEMP} where id > (select max(id) from ${TARGET})`);
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 2, v: "two" }, { id: 3, v: "three" }]);
    const [[name, [argDict]]] = seen as [[string, [{ entries: Record<string, unknown> }]]];
    expect(name).toBe("get_incremental_newest_sql");
    expect(argDict.entries.unique_key).toBe("id");
    expect(argDict.entries.dest_columns).toEqual([
      { kind: "column", name: "id", type: "INTEGER" },
      { kind: "column", name: "v", type: "VARCHAR" },
      { kind: "column", name: "day", type: "DATE" },
    ]);
  });

  it("sends the engine's own statements for a strategy when its dialect has them", async () => {
    const asked: unknown[] = [];
    const own = engineLike(adapter, { defaultIncrementalStrategy: undefined }, {
      incrementalStatements: (strategy, input) => {
        asked.push([strategy, input.uniqueKey, input.predicates, input.columns]);
        return strategy === "merge" ? [`insert into ${input.target} select * from ${input.source} where id = 2`] : null;
      },
    });
    await run(model({ unique_key: "id", incremental_predicates: ["1 = 1"] }), { on: own });
    const { sent } = await run(model({ unique_key: "id", incremental_predicates: ["1 = 1"] }), { on: own });
    expect(sent).toContain(`insert into ${TARGET} select * from ${TEMP} where id = 2`);
    expect(asked).toEqual([["merge", ["id"], ["1 = 1"], ["id", "v", "day"]]]);
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 2, v: "two" }, { id: 2, v: "two" }]);
  });
});

describe("the engine's own statements", () => {
  const recording = (base: Adapter, capabilities: Partial<Capabilities>) => {
    const asked: string[] = [];
    const on = engineLike(base, capabilities, {
      incrementalStatements: (strategy) => {
        asked.push(strategy);
        return null;
      },
    });
    return { on, asked };
  };

  it("are asked for the configured strategy", async () => {
    const { on, asked } = recording(adapter, {});
    await run(model({ incremental_strategy: "append" }), { on });
    await run(model({ incremental_strategy: "append" }), { on });
    expect(asked).toEqual(["append"]);
  });

  it("are asked for delete+insert by default where the engine has no MERGE", async () => {
    const { on, asked } = recording(adapter, { merge: false });
    await run(model({ unique_key: "id" }), { on });
    await run(model({ unique_key: "id" }), { on });
    expect(asked).toEqual(["delete+insert"]);
  });
});

describe("config values read by the strategies", () => {
  it("a blank unique_key is no key: merge appends", async () => {
    await run(model({ unique_key: [" ", ""] }));
    const { sent } = await run(model({ unique_key: [" ", ""] }));
    expect(sent).toContain(INSERT_ALL);
    expect(await rows(adapter, "select count(*) as n from inc")).toEqual([{ n: 4 }]);
  });

  it("a null unique_key or incremental_predicates is unset: merge appends", async () => {
    await run(model({ unique_key: null, incremental_predicates: null }));
    const { sent } = await run(model({ unique_key: null, incremental_predicates: null }));
    expect(sent).toContain(INSERT_ALL);
    expect(await rows(adapter, "select count(*) as n from inc")).toEqual([{ n: 4 }]);
  });

  it("merge_exclude_columns keeps the excluded column's old value", async () => {
    await run(model({ unique_key: "id" }));
    await adapter.execute("update src set v = 'TWO', day = '2025-01-01' where id = 2");
    await run(model({ unique_key: "id", incremental_strategy: "merge", merge_exclude_columns: "v" }));
    expect(await rows(adapter, "select id, v, cast(day as varchar) as day from inc order by id")).toEqual([
      { id: 1, v: "one", day: "2024-01-01" },
      { id: 2, v: "two", day: "2025-01-01" },
    ]);
  });

  it("merge updates every column when merge_update_columns is not set", async () => {
    await run(model({ unique_key: "id" }));
    await adapter.execute("update src set v = 'TWO', day = '2025-01-01' where id = 2");
    await run(model({ unique_key: "id", merge_update_columns: null }));
    expect(await rows(adapter, "select id, v, cast(day as varchar) as day from inc where id = 2")).toEqual([{ id: 2, v: "TWO", day: "2025-01-01" }]);
  });

  it("insert_overwrite takes partition_by given as a column name", async () => {
    const config = { incremental_strategy: "insert_overwrite", partition_by: "day" };
    await run(model(config));
    await adapter.execute("delete from src where id = 2; insert into src values (9, 'nine', '2024-01-02')");
    const { sent } = await run(model(config));
    expect(sent).toContain(`delete from ${TARGET} as DBT_INTERNAL_DEST\nwhere DBT_INTERNAL_DEST.day in (select distinct day from ${TEMP})`);
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 9, v: "nine" }]);
  });

  it.each([[undefined], [null], [{ data_type: "date" }], [{ field: 3 }]])("insert_overwrite without a partition column (%p) replaces the whole table", async (partitionBy) => {
    const config = { incremental_strategy: "insert_overwrite", partition_by: partitionBy };
    await run(model(config));
    await adapter.execute("delete from src where id = 1");
    await run(model(config));
    expect(await contents()).toEqual([{ id: 2, v: "two" }]);
  });
});

describe("hooks and transactions", () => {
  beforeEach(() => adapter.execute("create table log (step varchar, n integer)"));
  const log = () => rows(adapter, "select step, n from log order by rowid");
  const hooked = (extra: Record<string, unknown> = {}) =>
    model({
      incremental_strategy: "append",
      "pre-hook": [{ sql: "insert into log select 'pre-outside', 0", transaction: false }, "insert into log select 'pre-inside', count(*) from inc"],
      "post-hook": ["insert into log select 'post-inside', count(*) from inc", { sql: "insert into log select 'post-outside', count(*) from inc", transaction: false }],
      ...extra,
    });

  it("runs hooks outside the transaction before and after it, and inside ones around the writes", async () => {
    await run(model({ incremental_strategy: "append" }));
    const { sent } = await run(hooked());
    expect(await log()).toEqual([
      { step: "pre-outside", n: 0 },
      { step: "pre-inside", n: 2 },
      { step: "post-inside", n: 4 },
      { step: "post-outside", n: 4 },
    ]);
    expect(sent.indexOf(INSERT_ALL)).toBeLessThan(sent.indexOf("insert into log select 'post-inside', count(*) from inc"));
    expect(sent.at(-1)).toBe("insert into log select 'post-outside', count(*) from inc");
  });

  it("renders every hook with is_incremental() false on the first run and true on an incremental one, as dbt-core 1.10 does", async () => {
    const asking = model({
      incremental_strategy: "append",
      "pre-hook": [{ sql: "insert into log select 'pre-outside {{ is_incremental() }}', 0", transaction: false }, "insert into log select 'pre-inside {{ is_incremental() }}', 0"],
      "post-hook": ["insert into log select 'post-inside {{ is_incremental() }}', 0", { sql: "insert into log select 'post-outside {{ is_incremental() }}', 0", transaction: false }],
    });
    await run(asking);
    await run(asking);
    expect((await log()).map((r) => r.step)).toEqual([
      "pre-outside False", "pre-inside False", "post-inside False", "post-outside False",
      "pre-outside True", "pre-inside True", "post-inside True", "post-outside True",
    ]);
  });

  it("without transactional DDL: writes and in-transaction post-hooks still commit or fail together", async () => {
    const noTxDdl = engineLike(adapter, { transactionalDdl: false });
    await run(model({ incremental_strategy: "append" }), { on: noTxDdl });
    const failing = model({ incremental_strategy: "append", "post-hook": ["select error('boom')"] });
    const { result, sent } = await run(failing, { on: noTxDdl });
    expect(result.status).toBe("error");
    expect(sent).toContain(INSERT_ALL);
    expect(await rows(adapter, "select count(*) as n from inc")).toEqual([{ n: 2 }]);
    // the temp table is dropped after the failure
    expect(await rows(adapter, "select count(*) as n from information_schema.tables where table_name = 'inc__tsdbt_tmp'")).toEqual([{ n: 0 }]);
  });

  it.each([
    ["a post-hook in the transaction by default", [{ sql: "select error('boom')" }]],
    ["an in-transaction post-hook beside one outside it", ["select error('boom')", { sql: "select 1", transaction: false }]],
  ])("without transactional DDL: one append statement and %s fail together", async (_name, postHooks) => {
    const noTxDdl = engineLike(adapter, { transactionalDdl: false });
    await run(model({ incremental_strategy: "append" }), { on: noTxDdl });
    const { result } = await run(model({ incremental_strategy: "append", "post-hook": postHooks }), { on: noTxDdl });
    expect(result.status).toBe("error");
    expect(await rows(adapter, "select count(*) as n from inc")).toEqual([{ n: 2 }]);
  });

  it("without transactional DDL: delete+insert is undone as a whole when its insert fails", async () => {
    const noTxDdl = engineLike(adapter, { transactionalDdl: false });
    await run(model({ incremental_strategy: "delete+insert", unique_key: "id" }), { on: noTxDdl });
    // the new rows hold a text the target's integer column cannot take
    const bad: NodeSpec = { name: "inc", sql: "select 'x' || id as id, v, day from src", config: { materialized: "incremental", incremental_strategy: "delete+insert", unique_key: "v" } };
    const { result } = await run(bad, { on: noTxDdl });
    expect(result.status).toBe("error");
    expect(await contents()).toEqual([{ id: 1, v: "one" }, { id: 2, v: "two" }]);
  });

  it("without transactional DDL: runs the hooks in order and drops the temp table", async () => {
    const noTxDdl = engineLike(adapter, { transactionalDdl: false });
    await run(model({ incremental_strategy: "append" }), { on: noTxDdl });
    const { sent, result } = await run(hooked(), { on: noTxDdl });
    expect(result.message).toBe("INSERT 2");
    expect(await log()).toEqual([
      { step: "pre-outside", n: 0 },
      { step: "pre-inside", n: 2 },
      { step: "post-inside", n: 4 },
      { step: "post-outside", n: 4 },
    ]);
    expect(sent).toContain(DROP_TEMP);
  });

  it("without transactional DDL and with nothing after one statement: sends it and drops the temp table", async () => {
    const noTxDdl = engineLike(adapter, { transactionalDdl: false });
    await run(model({ incremental_strategy: "append" }), { on: noTxDdl });
    const { sent, result } = await run(model({ incremental_strategy: "append", "post-hook": [{ sql: "select 1", transaction: false }] }), { on: noTxDdl });
    expect(result.message).toBe("INSERT 2");
    expect(sent).toEqual([CREATE_TEMP, COLUMNS_OF(TEMP), COLUMNS_OF(TARGET), INSERT_ALL, DROP_TEMP, "select 1"]);
  });
});
