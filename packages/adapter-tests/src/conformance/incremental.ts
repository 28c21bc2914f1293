import { runSpecs, type NodeSpec } from "../test-project";
import { columnSignature, leftovers, type ConformanceContext } from "./context";

/** Incremental models: every strategy with table contents, unique keys, predicates, full refresh and on_schema_change. */
export function describeIncremental(t: ConformanceContext): void {
  const source = () => t.rel("src");
  const createSource = async (values: string) => {
    await t.adapter.execute(t.adapter.dialect.createSchema(t.adapter.defaultDatabase, t.schema), { fetch: false });
    await t.adapter.execute(`create table ${source()} (id integer, k2 varchar(10), v varchar(20), day date)`, { fetch: false });
    await t.adapter.execute(`insert into ${source()} values ${values}`, { fetch: false });
  };
  /** An incremental model over src that, when incremental, reads only rows from the target's latest day on. */
  const model = (config: Record<string, unknown>, select = "id, k2, v, day"): NodeSpec => ({
    name: "inc",
    sql: ({ isIncremental }) => `select ${select} from ${source()}` + (isIncremental ? ` where day >= (select max(day) from {{ this }})` : ""),
    config: { materialized: "incremental", ...config },
  });
  const run = async (spec: NodeSpec, fullRefresh = false) => {
    const { summary, compiler } = await t.run([spec], { fullRefresh });
    return { result: summary.results[0]!, compiler };
  };
  const contents = () => t.query(`select id, k2, v from ${t.rel("inc")} order by id, k2, v`);
  const exec = (sql: string) => t.adapter.execute(sql, { fetch: false });

  describe("incremental strategies", () => {
    beforeEach(() => createSource("(1, 'a', 'one', '2024-01-01'), (2, 'a', 'two', '2024-01-02')"));

    it("builds the table on the first run with is_incremental() false", async () => {
      const { result, compiler } = await run(model({ incremental_strategy: "append" }));
      expect(result.status).toBe("success");
      expect(compiler.compiled).toEqual([{ id: "model.conformance.inc", isIncremental: false }]);
      expect(await contents()).toEqual([{ id: 1, k2: "a", v: "one" }, { id: 2, k2: "a", v: "two" }]);
    });

    it("append inserts the new rows, duplicates included", async () => {
      await run(model({ incremental_strategy: "append" }));
      await exec(`insert into ${source()} values (3, 'a', 'three', '2024-01-03')`);
      const { result, compiler } = await run(model({ incremental_strategy: "append" }));
      expect(result.status).toBe("success");
      expect(compiler.compiled).toEqual([{ id: "model.conformance.inc", isIncremental: true }]);
      expect(await contents()).toEqual([
        { id: 1, k2: "a", v: "one" },
        { id: 2, k2: "a", v: "two" },
        { id: 2, k2: "a", v: "two" },
        { id: 3, k2: "a", v: "three" },
      ]);
      expect(await leftovers(t)).toEqual([]);
    });

    it.each(["merge", "delete+insert"])("%s replaces rows by unique_key and inserts new ones", async (strategy) => {
      await run(model({ incremental_strategy: strategy, unique_key: "id" }));
      await exec(`update ${source()} set v = 'TWO' where id = 2`);
      await exec(`insert into ${source()} values (3, 'a', 'three', '2024-01-03')`);
      const { result } = await run(model({ incremental_strategy: strategy, unique_key: "id" }));
      expect(result.status).toBe("success");
      expect(await contents()).toEqual([
        { id: 1, k2: "a", v: "one" },
        { id: 2, k2: "a", v: "TWO" },
        { id: 3, k2: "a", v: "three" },
      ]);
    });

    it.each(["merge", "delete+insert"])("%s accepts a list of unique_key columns", async (strategy) => {
      const config = { incremental_strategy: strategy, unique_key: ["id", "k2"] };
      await run(model(config));
      await exec(`update ${source()} set v = 'two-a' where id = 2`);
      await exec(`insert into ${source()} values (2, 'b', 'two-b', '2024-01-02')`);
      await run(model(config));
      expect(await contents()).toEqual([
        { id: 1, k2: "a", v: "one" },
        { id: 2, k2: "a", v: "two-a" },
        { id: 2, k2: "b", v: "two-b" },
      ]);
    });

    it("merge falls back to delete+insert on an engine without MERGE", async () => {
      const adapter = t.adapter;
      // The same connection seen through other flags (capabilities may be a getter, so define, don't assign).
      const withoutMerge = Object.create(adapter, { capabilities: { value: { ...adapter.capabilities, merge: false } } }) as typeof adapter;
      const spec = model({ incremental_strategy: "merge", unique_key: "id" });
      const options = { schema: t.schema, projectDir: t.dir };
      await runSpecs(withoutMerge, [spec], options);
      await exec(`update ${source()} set v = 'TWO' where id = 2`);
      const { summary } = await runSpecs(withoutMerge, [spec], options);
      expect(summary.results[0]!.status).toBe("success");
      expect(await contents()).toEqual([{ id: 1, k2: "a", v: "one" }, { id: 2, k2: "a", v: "TWO" }]);
    });

    it("merge honours merge_update_columns and merge_exclude_columns", async () => {
      await run(model({ incremental_strategy: "merge", unique_key: "id" }));
      await exec(`update ${source()} set v = 'changed', k2 = 'z' where id = 2`);
      await run(model({ incremental_strategy: "merge", unique_key: "id", merge_update_columns: ["v"] }));
      expect(await contents()).toEqual([{ id: 1, k2: "a", v: "one" }, { id: 2, k2: "a", v: "changed" }]);
      await exec(`update ${source()} set v = 'again', k2 = 'y' where id = 2`);
      await run(model({ incremental_strategy: "merge", unique_key: "id", merge_exclude_columns: ["v"] }));
      expect(await contents()).toEqual(
        t.adapter.capabilities.merge ? [{ id: 1, k2: "a", v: "one" }, { id: 2, k2: "y", v: "changed" }] : [{ id: 1, k2: "a", v: "one" }, { id: 2, k2: "y", v: "again" }],
      );
    });

    it("incremental_predicates limit the rows a delete+insert replaces", async () => {
      const config = { incremental_strategy: "delete+insert", unique_key: "id", incremental_predicates: ["DBT_INTERNAL_DEST.k2 <> 'keep'"] };
      await exec(`delete from ${source()}`);
      await exec(`insert into ${source()} values (1, 'keep', 'old', '2024-01-05'), (2, 'a', 'old', '2024-01-05')`);
      await run(model(config));
      await exec(`update ${source()} set v = 'new'`);
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
      await exec(`delete from ${source()} where id = 2`);
      await exec(`insert into ${source()} values (9, 'a', 'nine', '2024-01-02')`);
      await run(model(config));
      expect(await contents()).toEqual([{ id: 1, k2: "a", v: "one" }, { id: 9, k2: "a", v: "nine" }]);
    });

    it("insert_overwrite without partition_by replaces the whole table with the new rows", async () => {
      await run(model({ incremental_strategy: "insert_overwrite" }));
      await exec(`insert into ${source()} values (3, 'a', 'three', '2024-01-03')`);
      await run(model({ incremental_strategy: "insert_overwrite" }));
      // the incremental run reads days >= 2024-01-02 only, so row 1 is gone and nothing is duplicated
      expect(await contents()).toEqual([{ id: 2, k2: "a", v: "two" }, { id: 3, k2: "a", v: "three" }]);
    });

    it("rebuilds on --full-refresh, unless the model sets full_refresh: false", async () => {
      await run(model({ incremental_strategy: "append" }));
      await run(model({ incremental_strategy: "append" }), true);
      expect(await contents()).toHaveLength(2);
      await run(model({ incremental_strategy: "append", full_refresh: false }), true);
      expect(await contents()).toHaveLength(3);
    });

    it("rolls the whole update back when a step fails", async () => {
      await run(model({ incremental_strategy: "append" }));
      const { result } = await run(model({ incremental_strategy: "append", "post-hook": ["select cast('boom' as integer)"] }));
      expect(result.status).toBe("error");
      expect(await contents()).toHaveLength(2);
      expect(await leftovers(t)).toEqual([]);
    });
  });

  describe("on_schema_change", () => {
    beforeEach(() => createSource("(1, 'a', 'one', '2024-01-01')"));
    const signature = () => columnSignature(t, "inc");

    it("ignore writes only the columns the table already has", async () => {
      await run(model({ incremental_strategy: "append" }, "id, v, day"));
      const { result } = await run(model({ incremental_strategy: "append", on_schema_change: "ignore" }, "id, v, day, 'new' as extra"));
      expect(result.status).toBe("success");
      expect(await signature()).toEqual(["id:integer", "v:text", "day:date"]);
      expect(await t.query(`select count(*) as n from ${t.rel("inc")}`)).toEqual([{ n: 2 }]);
    });

    it("fail stops with the differences named and changes nothing", async () => {
      await run(model({ incremental_strategy: "append" }, "id, v, day"));
      const { result } = await run(model({ incremental_strategy: "append", on_schema_change: "fail" }, "id, day, 'new' as extra"));
      expect(result.status).toBe("error");
      expect(result.message).toMatch(/TSDBT-E403: The columns of incremental model inc changed \(new columns extra; missing columns v\)/i);
      expect(await t.query(`select count(*) as n from ${t.rel("inc")}`)).toEqual([{ n: 1 }]);
      expect(await leftovers(t)).toEqual([]);
    });

    it("append_new_columns adds new columns and keeps removed ones", async () => {
      await run(model({ incremental_strategy: "append" }, "id, v, day"));
      await run(model({ incremental_strategy: "append", on_schema_change: "append_new_columns" }, "id, day, 'new' as extra"));
      expect(await signature()).toEqual(["id:integer", "v:text", "day:date", "extra:text"]);
      expect(await t.query(`select id, v, extra from ${t.rel("inc")} order by extra nulls first`)).toEqual([
        { id: 1, v: "one", extra: null },
        { id: 1, v: null, extra: "new" },
      ]);
    });

    it("sync_all_columns adds, drops and retypes columns", async () => {
      await run(model({ incremental_strategy: "append" }, "id, v, day"));
      await run(model({ incremental_strategy: "append", on_schema_change: "sync_all_columns" }, "cast(id as bigint) as id, day, 'new' as extra"));
      expect(await signature()).toEqual(["id:bigint", "day:date", "extra:text"]);
      expect(await t.query(`select id, extra from ${t.rel("inc")} order by extra nulls first`)).toEqual([{ id: 1, extra: null }, { id: 1, extra: "new" }]);
    });

    it("sync_all_columns works with merge on a unique key", async () => {
      await run(model({ incremental_strategy: "merge", unique_key: "id" }, "id, v, day"));
      await exec(`update ${source()} set v = 'uno'`);
      await run(model({ incremental_strategy: "merge", unique_key: "id", on_schema_change: "sync_all_columns" }, "id, v, 'x' as extra"));
      expect(await t.query(`select id, v, extra from ${t.rel("inc")}`)).toEqual([{ id: 1, v: "uno", extra: "x" }]);
    });
  });
}
