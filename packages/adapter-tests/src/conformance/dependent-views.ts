import type { NodeSpec } from "../test-project";
import { leftovers, type ConformanceContext } from "./context";

/**
 * Views that read a rebuilt relation survive the rebuild, whatever happens to the rest of the
 * run (a failing model, an interrupt), and concurrent rebuilds over shared views never deadlock.
 */
export function describeDependentViews(t: ConformanceContext): void {
  /** v1 (view), slow (table), v2 over v1 and slow, v3 over v2. */
  const chain = (v1: string, slow: string): NodeSpec[] => [
    { name: "v1", sql: v1 },
    // slow reads nothing of v1, but runs after it, so v1 is rebuilt before slow fails or is interrupted
    { name: "slow", sql: slow, dependsOn: ["v1"], config: { materialized: "table" } },
    { name: "v2", sql: `select v1.id, slow.x from ${t.rel("v1")} as v1 cross join ${t.rel("slow")} as slow`, dependsOn: ["v1", "slow"] },
    { name: "v3", sql: `select id + x as total from ${t.rel("v2")}`, dependsOn: ["v2"] },
  ];
  const statuses = (summary: { results: { unique_id: string; status: string }[] }) =>
    Object.fromEntries(summary.results.map((r) => [r.unique_id.split(".").pop(), r.status]));
  const relationNames = async () => (await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).map((r) => r.identifier).sort();

  describe("dependent views", () => {
    it("keeps views over a rebuilt view when a later model fails, and the next run converges", async () => {
      await t.run(chain("select 1 as id", "select 10 as x"));
      const { summary } = await t.run(chain("select 2 as id", "select cast('boom' as integer) as x"));
      expect(statuses(summary)).toEqual({ v1: "success", slow: "error", v2: "skipped", v3: "skipped" });
      expect(await relationNames()).toEqual(["slow", "v1", "v2", "v3"]);
      // v2 reads the new v1 and the old slow
      expect(await t.query(`select total from ${t.rel("v3")}`)).toEqual([{ total: 12 }]);
      const again = await t.run(chain("select 3 as id", "select 20 as x"));
      expect(statuses(again.summary)).toEqual({ v1: "success", slow: "success", v2: "success", v3: "success" });
      expect(await t.query(`select total from ${t.rel("v3")}`)).toEqual([{ total: 23 }]);
      expect(await leftovers(t)).toEqual([]);
    });

    it("keeps views over a rebuilt view when the run is interrupted while a table builds", async () => {
      const slowQuery = t.options.slowQuery;
      if (!slowQuery) return; // the engine cannot cancel a running statement
      await t.run(chain("select 1 as id", "select 10 as x"));
      const controller = new AbortController();
      const { summary } = await t.run(chain("select 2 as id", `select 10 as x from (${slowQuery}) as s`), {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.kind === "node_start" && event.node_info.node_name === "slow") setTimeout(() => controller.abort(), 300);
        },
      });
      expect(summary.interrupted).toBe(true);
      expect(await relationNames()).toEqual(["slow", "v1", "v2", "v3"]);
      expect(await t.query(`select x from ${t.rel("slow")}`)).toEqual([{ x: 10 }]);
      expect(await t.query(`select total from ${t.rel("v3")}`)).toEqual([{ total: 12 }]);
      const again = await t.run(chain("select 3 as id", "select 20 as x"));
      expect(statuses(again.summary)).toEqual({ v1: "success", slow: "success", v2: "success", v3: "success" });
      expect(await leftovers(t)).toEqual([]);
    }, 60000);

    it("keeps views (and their column comments) over a table or view rebuilt alone, even when its columns move", async () => {
      await t.run([
        { name: "base", sql: "select 1 as id, 'a' as name", config: { materialized: "table" } },
        { name: "shape", sql: "select 1 as id, 'a' as name" },
        { name: "reader", sql: `select b.id, s.name from ${t.rel("base")} as b join ${t.rel("shape")} as s on s.id = b.id`, dependsOn: ["base", "shape"] },
        { name: "top", sql: `select name from ${t.rel("reader")}`, dependsOn: ["reader"] },
      ]);
      if (t.adapter.capabilities.comments) await t.adapter.execute(`comment on column ${t.rel("reader")}.${t.adapter.dialect.quote("name")} is 'kept'`, { fetch: false });
      // only the two upstream models run; `shape` swaps its columns' order (a view PostgreSQL cannot replace in place)
      const { summary } = await t.run([
        { name: "base", sql: "select 1 as id, 'b' as name", config: { materialized: "table" } },
        { name: "shape", sql: "select 'c' as name, 1 as id" },
      ]);
      expect(statuses(summary)).toEqual({ base: "success", shape: "success" });
      expect(await relationNames()).toEqual(["base", "reader", "shape", "top"]);
      expect(await t.query(`select name from ${t.rel("top")}`)).toEqual([{ name: "c" }]);
      if (t.adapter.capabilities.comments) {
        const columns = await t.adapter.getColumns({ database: t.adapter.defaultDatabase, schema: t.schema, identifier: "reader" });
        expect(columns.map((c) => [c.name, c.comment])).toEqual([["id", null], ["name", "kept"]]);
      }
    });

    it("rebuilds a view whose old dependants no longer fit it, and converges once they are rebuilt", async () => {
      await t.run([
        { name: "v1", sql: "select 1 as id" },
        { name: "v2", sql: `select id from ${t.rel("v1")}`, dependsOn: ["v1"] },
      ]);
      const first = await t.run([{ name: "v1", sql: "select 1 as other" }]);
      expect(statuses(first.summary)).toEqual({ v1: "success" });
      const { summary } = await t.run([
        { name: "v1", sql: "select 1 as other" },
        { name: "v2", sql: `select other from ${t.rel("v1")}`, dependsOn: ["v1"] },
      ]);
      expect(statuses(summary)).toEqual({ v1: "success", v2: "success" });
      expect(await t.query(`select other from ${t.rel("v2")}`)).toEqual([{ other: 1 }]);
    });

    it("rebuilds 60 models whose views share parents on 8 threads, three times, without a deadlock", async () => {
      const specs = (round: number): NodeSpec[] => {
        const out: NodeSpec[] = [];
        for (let i = 0; i < 60; i++) {
          if (i < 8) {
            // every other round the staging columns swap places, forcing swaps with dependents
            const sql = round % 2 === 0 ? `select ${i} as id, 'x' as s` : `select 'x' as s, ${i} as id`;
            out.push({ name: `m${i}`, sql, config: { materialized: i % 3 === 0 ? "table" : "view" } });
            continue;
          }
          const parents = [(i * 7) % i, (i * 13 + 5) % i, i - 1].filter((p, k, all) => all.indexOf(p) === k);
          out.push({
            name: `m${i}`,
            sql: parents.map((p) => `select id, s from ${t.rel(`m${p}`)}`).join(" union all "),
            dependsOn: parents.map((p) => `m${p}`),
            config: { materialized: i % 10 === 0 ? "table" : "view" },
          });
        }
        return out;
      };
      for (let round = 0; round < 3; round++) {
        const { summary } = await t.run(specs(round), { threads: 8 });
        expect(summary.results.filter((r) => r.status !== "success").map((r) => `${r.unique_id}: ${r.message}`)).toEqual([]);
        expect((await relationNames()).length).toBe(60);
      }
      expect(await leftovers(t)).toEqual([]);
    }, 120000);
  });
}
