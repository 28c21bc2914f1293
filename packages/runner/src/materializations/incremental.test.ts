import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ adapter, dispose } = await openDuckDb());
  await adapter.execute("create table src (id integer, k2 varchar, v varchar, day date)");
});
afterEach(() => dispose());

/** An incremental model over `src` that, when incremental, reads only rows newer than the target's latest day. */
function model(config: Record<string, unknown>, select = "id, k2, v, day"): NodeSpec {
  return {
    name: "inc",
    sql: ({ isIncremental }) => `select ${select} from src` + (isIncremental ? " where day >= (select max(day) from {{ this }})" : ""),
    config: { materialized: "incremental", ...config },
  };
}

async function run(spec: NodeSpec, fullRefresh = false) {
  const { manifest, compiler, ids } = project(adapter, [spec]);
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: "/", fullRefresh });
  return { result: summary.results[0]!, compiler };
}

const contents = () => rows(adapter, "select * exclude (day) from inc order by id, k2, v");

describe("incremental materialization on DuckDB", () => {
  beforeEach(async () => {
    await adapter.execute("insert into src values (1, 'a', 'one', '2024-01-01'), (2, 'a', 'two', '2024-01-02')");
  });

  it("builds the table on the first run with is_incremental() false", async () => {
    const { result, compiler } = await run(model({ incremental_strategy: "append" }));
    expect(result.status).toBe("success");
    expect(compiler.compiled).toEqual([{ id: "model.proj.inc", isIncremental: false }]);
    expect(await contents()).toEqual([{ id: 1, k2: "a", v: "one" }, { id: 2, k2: "a", v: "two" }]);
  });

  it("append inserts the new rows, duplicates included", async () => {
    await run(model({ incremental_strategy: "append" }));
    await adapter.execute("insert into src values (3, 'a', 'three', '2024-01-03')");
    const { compiler } = await run(model({ incremental_strategy: "append" }));
    expect(compiler.compiled).toEqual([{ id: "model.proj.inc", isIncremental: true }]);
    expect(await contents()).toEqual([
      { id: 1, k2: "a", v: "one" },
      { id: 2, k2: "a", v: "two" },
      { id: 2, k2: "a", v: "two" },
      { id: 3, k2: "a", v: "three" },
    ]);
  });

  it.each(["merge", "delete+insert"])("%s replaces rows by unique_key and inserts new ones", async (strategy) => {
    await run(model({ incremental_strategy: strategy, unique_key: "id" }));
    await adapter.execute("update src set v = 'TWO' where id = 2");
    await adapter.execute("insert into src values (3, 'a', 'three', '2024-01-03')");
    await run(model({ incremental_strategy: strategy, unique_key: "id" }));
    expect(await contents()).toEqual([
      { id: 1, k2: "a", v: "one" },
      { id: 2, k2: "a", v: "TWO" },
      { id: 3, k2: "a", v: "three" },
    ]);
  });

  it.each(["merge", "delete+insert"])("%s accepts a list of unique_key columns", async (strategy) => {
    const config = { incremental_strategy: strategy, unique_key: ["id", "k2"] };
    await run(model(config));
    await adapter.execute("update src set v = 'two-a' where id = 2; insert into src values (2, 'b', 'two-b', '2024-01-02')");
    await run(model(config));
    expect(await contents()).toEqual([
      { id: 1, k2: "a", v: "one" },
      { id: 2, k2: "a", v: "two-a" },
      { id: 2, k2: "b", v: "two-b" },
    ]);
  });

  it("merge honours merge_update_columns", async () => {
    await run(model({ incremental_strategy: "merge", unique_key: "id" }));
    await adapter.execute("update src set v = 'changed', k2 = 'z' where id = 2");
    await run(model({ incremental_strategy: "merge", unique_key: "id", merge_update_columns: ["v"] }));
    expect(await contents()).toEqual([{ id: 1, k2: "a", v: "one" }, { id: 2, k2: "a", v: "changed" }]);
  });

  it("incremental_predicates limit the rows a delete+insert replaces", async () => {
    const config = { incremental_strategy: "delete+insert", unique_key: "id", incremental_predicates: ["DBT_INTERNAL_DEST.k2 <> 'keep'"] };
    await adapter.execute("delete from src; insert into src values (1, 'keep', 'old', '2024-01-05'), (2, 'a', 'old', '2024-01-05')");
    await run(model(config));
    await adapter.execute("update src set v = 'new'");
    await run(model(config));
    expect(await contents()).toEqual([
      { id: 1, k2: "keep", v: "new" },
      { id: 1, k2: "keep", v: "old" },
      { id: 2, k2: "a", v: "new" },
    ]);
  });

  it("insert_overwrite replaces the partitions present in the new rows", async () => {
    const config = { incremental_strategy: "insert_overwrite", partition_by: { field: "day", data_type: "date" } };
    await run(model(config));
    await adapter.execute("delete from src where id = 2; insert into src values (9, 'a', 'nine', '2024-01-02')");
    await run(model(config));
    expect(await contents()).toEqual([{ id: 1, k2: "a", v: "one" }, { id: 9, k2: "a", v: "nine" }]);
  });

  it("rebuilds on --full-refresh, unless the model sets full_refresh: false", async () => {
    await run(model({ incremental_strategy: "append" }));
    await run(model({ incremental_strategy: "append" }), true);
    expect(await contents()).toHaveLength(2);
    await run(model({ incremental_strategy: "append", full_refresh: false }), true);
    expect(await contents()).toHaveLength(3);
  });

  it("reports an unknown strategy with a coded error and leaves the table as it was", async () => {
    await run(model({ incremental_strategy: "append" }));
    const { result } = await run(model({ incremental_strategy: "upsert_magic" }));
    expect(result.message).toMatch(/TSDBT-E402: .*incremental_strategy 'upsert_magic'/);
    expect(await contents()).toHaveLength(2);
  });

  it("rolls the whole update back when the merge fails", async () => {
    await run(model({ incremental_strategy: "append" }));
    const failing = model({ incremental_strategy: "append", "post-hook": ["select error('boom')"] });
    const { result } = await run(failing);
    expect(result.status).toBe("error");
    expect(await contents()).toHaveLength(2);
    expect(await rows(adapter, "select count(*) as n from information_schema.tables where table_name like 'inc__tsdbt%'")).toEqual([{ n: 0 }]);
  });
});

describe("on_schema_change", () => {
  beforeEach(async () => {
    await adapter.execute("insert into src values (1, 'a', 'one', '2024-01-01')");
  });

  const columnsOfInc = async () =>
    (await rows(adapter, "select column_name, data_type from information_schema.columns where table_name = 'inc' order by ordinal_position")).map(
      (r) => `${r.column_name as string}:${r.data_type as string}`,
    );

  it("ignore writes only the columns the table already has", async () => {
    await run(model({ incremental_strategy: "append" }, "id, v, day"));
    await run(model({ incremental_strategy: "append", on_schema_change: "ignore" }, "id, v, day, 'new' as extra"));
    expect(await columnsOfInc()).toEqual(["id:INTEGER", "v:VARCHAR", "day:DATE"]);
    expect(await rows(adapter, "select count(*) as n from inc")).toEqual([{ n: 2 }]);
  });

  it("fail stops with the differences named and changes nothing", async () => {
    await run(model({ incremental_strategy: "append" }, "id, v, day"));
    const { result } = await run(model({ incremental_strategy: "append", on_schema_change: "fail" }, "id, day, 'new' as extra"));
    expect(result.message).toMatch(/TSDBT-E403: The columns of incremental model inc changed \(new columns extra; missing columns v\)/);
    expect(result.message).toMatch(/hint: Run with --full-refresh/);
    expect(await rows(adapter, "select count(*) as n from inc")).toEqual([{ n: 1 }]);
  });

  it("append_new_columns adds new columns and keeps removed ones (null for new rows)", async () => {
    await run(model({ incremental_strategy: "append" }, "id, v, day"));
    await run(model({ incremental_strategy: "append", on_schema_change: "append_new_columns" }, "id, day, 'new' as extra"));
    expect(await columnsOfInc()).toEqual(["id:INTEGER", "v:VARCHAR", "day:DATE", "extra:VARCHAR"]);
    expect(await rows(adapter, "select id, v, extra from inc order by extra nulls first")).toEqual([
      { id: 1, v: "one", extra: null },
      { id: 1, v: null, extra: "new" },
    ]);
  });

  it("sync_all_columns adds, drops and retypes columns to match the model", async () => {
    await run(model({ incremental_strategy: "append" }, "id, v, day"));
    await run(model({ incremental_strategy: "append", on_schema_change: "sync_all_columns" }, "cast(id as bigint) as id, day, 'new' as extra"));
    expect(await columnsOfInc()).toEqual(["id:BIGINT", "day:DATE", "extra:VARCHAR"]);
    expect(await rows(adapter, "select id, extra from inc order by extra nulls first")).toEqual([{ id: 1, extra: null }, { id: 1, extra: "new" }]);
  });

  it("rejects an unknown on_schema_change setting", async () => {
    await run(model({ incremental_strategy: "append" }));
    const { result } = await run(model({ incremental_strategy: "append", on_schema_change: "explode" }));
    expect(result.message).toMatch(/TSDBT-E404: .*on_schema_change to "explode"/);
  });
});
