import { leftovers, type ConformanceContext } from "./context";

/** Views, tables, ephemeral models, persist_docs, and failure atomicity of rebuilds. */
export function describeMaterializations(t: ConformanceContext): void {
  describe("materializations", () => {
    it("builds a table and a view over it, creating their schema", async () => {
      const { summary } = await t.run([
        { name: "orders", sql: "select 1 as id, 10 as amount union all select 2, 20", config: { materialized: "table" } },
        { name: "big_orders", sql: `select * from ${t.rel("orders")} where amount > 15`, dependsOn: ["orders"] },
      ]);
      expect(summary.results.map((r) => [r.unique_id, r.status])).toEqual([
        ["model.conformance.orders", "success"],
        ["model.conformance.big_orders", "success"],
      ]);
      expect(await t.query(`select id, amount from ${t.rel("orders")} order by id`)).toEqual([{ id: 1, amount: 10 }, { id: 2, amount: 20 }]);
      expect(await t.query(`select id from ${t.rel("big_orders")}`)).toEqual([{ id: 2 }]);
      const kinds = (await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).map((r) => [r.identifier, r.type]);
      expect(kinds).toEqual([["big_orders", "view"], ["orders", "table"]]);
      expect(summary.results[0]!.relation_name).toContain(t.adapter.dialect.quote("orders"));
    });

    it("replaces a table's contents and turns a table into a view and back", async () => {
      const model = (sql: string, materialized: string) => [{ name: "m", sql, config: { materialized } }];
      await t.run(model("select 1 as v", "table"));
      await t.run(model("select 2 as v", "table"));
      expect(await t.query(`select v from ${t.rel("m")}`)).toEqual([{ v: 2 }]);
      await t.run(model("select 3 as v", "view"));
      expect(await t.query(`select v from ${t.rel("m")}`)).toEqual([{ v: 3 }]);
      await t.run(model("select 4 as v", "table"));
      expect(await t.query(`select v from ${t.rel("m")}`)).toEqual([{ v: 4 }]);
      expect((await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).map((r) => [r.identifier, r.type])).toEqual([["m", "table"]]);
      expect(await leftovers(t)).toEqual([]);
    });

    it("builds nothing for an ephemeral model", async () => {
      const { summary } = await t.run([
        { name: "eph", sql: "select 1 as v", config: { materialized: "ephemeral" } },
        { name: "uses_eph", sql: "with eph as (select 1 as v) select v + 1 as v from eph", dependsOn: ["eph"], config: { materialized: "table" } },
      ]);
      expect(summary.results.map((r) => r.unique_id)).toEqual(["model.conformance.uses_eph"]);
      expect((await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).map((r) => r.identifier)).toEqual(["uses_eph"]);
      expect(await t.query(`select v from ${t.rel("uses_eph")}`)).toEqual([{ v: 2 }]);
    });

    it("persists descriptions as comments when the engine has comments", async () => {
      const { summary } = await t.run([
        {
          name: "documented",
          sql: "select 1 as id, 'a' as name",
          description: "One row's table",
          columns: { id: "The key", name: "It's a name" },
          config: { materialized: "table", persist_docs: { relation: true, columns: true } },
        },
      ]);
      expect(summary.results[0]!.status).toBe("success");
      if (!t.adapter.capabilities.comments) return;
      const columns = await t.adapter.getColumns({ database: t.adapter.defaultDatabase, schema: t.schema, identifier: "documented" });
      expect(columns.map((c) => c.comment)).toEqual(["The key", "It's a name"]);
    });

    it("keeps the previous table when the model's SQL fails", async () => {
      await t.run([{ name: "m", sql: "select 1 as v union all select 2", config: { materialized: "table" } }]);
      const { summary } = await t.run([{ name: "m", sql: "select cast('not a number' as integer) as v", config: { materialized: "table" } }]);
      expect(summary.results[0]!.status).toBe("error");
      expect(summary.results[0]!.message).not.toMatch(/\n\s+at /);
      expect(await t.query(`select v from ${t.rel("m")} order by v`)).toEqual([{ v: 1 }, { v: 2 }]);
      expect(await leftovers(t)).toEqual([]);
    });

    it("keeps the previous table and view when a rebuild fails after the new relation exists", async () => {
      await t.run([
        { name: "m", sql: "select 1 as v", config: { materialized: "table" } },
        { name: "w", sql: "select 10 as v", config: { materialized: "view" } },
      ]);
      const failing = { "post-hook": ["select cast('boom' as integer)"] };
      const { summary } = await t.run([
        { name: "m", sql: "select 99 as v", config: { materialized: "table", ...failing } },
        { name: "w", sql: "select 99 as v", config: { materialized: "view", ...failing } },
      ]);
      expect(summary.results.map((r) => r.status)).toEqual(["error", "error"]);
      expect(await t.query(`select v from ${t.rel("m")}`)).toEqual([{ v: 1 }]);
      expect(await t.query(`select v from ${t.rel("w")}`)).toEqual([{ v: 10 }]);
      expect(await leftovers(t)).toEqual([]);
    });

    it("skips the dependents of a failed model and still builds independent ones", async () => {
      const { summary } = await t.run([
        { name: "bad", sql: "select * from a_relation_that_does_not_exist", config: { materialized: "table" } },
        { name: "child", sql: `select * from ${t.rel("bad")}`, dependsOn: ["bad"] },
        { name: "fine", sql: "select 1 as v", config: { materialized: "table" } },
      ]);
      const status = Object.fromEntries(summary.results.map((r) => [r.unique_id.split(".").pop(), r.status]));
      expect(status).toEqual({ bad: "error", child: "skipped", fine: "success" });
    });
  });
}
