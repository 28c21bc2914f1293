import { leftovers, type ConformanceContext } from "./context";

/** Identifiers that need quoting: mixed case, reserved words, spaces, unicode, embedded quotes. */
export const AWKWARD_IDENTIFIERS = ["MixedCase", "select", "with space", "ünï_cødé", 'quote"d'];

/** Quoting edge cases in relation, schema and column names, through every materialization. */
export function describeQuoting(t: ConformanceContext): void {
  describe("quoting", () => {
    it.each(AWKWARD_IDENTIFIERS)("builds, rebuilds and reads a table and a view named %j", async (name) => {
      const q = t.adapter.dialect.quote;
      const specs = [
        { name: "t", sql: `select 1 as ${q(name)}, 'x' as ${q("Other Col")}`, config: { materialized: "table", alias: name } },
        { name: "v", sql: `select ${q(name)} + 1 as ${q(name)} from ${t.rel(name)}`, dependsOn: ["t"], config: { materialized: "view", alias: `${name} view` } },
      ];
      for (let pass = 0; pass < 2; pass++) {
        const { summary } = await t.run(specs);
        expect(summary.results.map((r) => [r.status, r.message])).toEqual([
          ["success", expect.anything()],
          ["success", expect.anything()],
        ]);
      }
      expect(await t.query(`select ${q(name)} as v, ${q("Other Col")} as o from ${t.rel(name)}`)).toEqual([{ v: 1, o: "x" }]);
      expect(await t.query(`select ${q(name)} as v from ${t.rel(`${name} view`)}`)).toEqual([{ v: 2 }]);
      const names = (await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).map((r) => r.identifier).sort();
      expect(names).toEqual([name, `${name} view`].sort());
      const columns = await t.adapter.getColumns({ database: t.adapter.defaultDatabase, schema: t.schema, identifier: name });
      expect(columns.map((c) => c.name)).toEqual([name, "Other Col"]);
    });

    it("builds into a schema whose name needs quoting", async () => {
      const schema = `${t.schema} Odd "Schema" ü`;
      t.alsoDrop(schema);
      const { summary } = await t.run([{ name: "m", sql: "select 1 as v", config: { materialized: "table", schema } }]);
      expect(summary.results[0]!.status).toBe("success");
      await t.run([{ name: "m", sql: "select 2 as v", config: { materialized: "table", schema } }]);
      expect(await t.query(`select v from ${t.rel("m", schema)}`)).toEqual([{ v: 2 }]);
      expect(await t.adapter.listSchemas(t.adapter.defaultDatabase)).toContain(schema);
      expect(await leftovers(t, schema)).toEqual([]);
    });

    it("merges incrementally on awkward column names with on_schema_change", async () => {
      const q = t.adapter.dialect.quote;
      const key = q("Key Col");
      const model = (extra: string) => ({
        name: "inc",
        sql: `select 1 as ${key}, 'a' as ${q("select")}, 'b' as ${q('quote"d')}${extra} union all select 2, 'c', 'd'${extra ? ", 'e'" : ""}`,
        config: { materialized: "incremental", incremental_strategy: "merge", unique_key: key, on_schema_change: "append_new_columns", alias: "Inc Model" },
      });
      await t.run([model("")]);
      const { summary } = await t.run([model(`, 'n' as ${q("New Ünï")}`)]);
      expect(summary.results[0]!.status).toBe("success");
      expect(await t.query(`select ${key} as k, ${q("select")} as s, ${q('quote"d')} as d, ${q("New Ünï")} as n from ${t.rel("Inc Model")} order by 1`)).toEqual([
        { k: 1, s: "a", d: "b", n: "n" },
        { k: 2, s: "c", d: "d", n: "e" },
      ]);
    });
  });
}
