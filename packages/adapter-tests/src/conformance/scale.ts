import type { NodeSpec } from "../test-project";
import type { ConformanceContext } from "./context";

/** Many models at once: 200 models in a tree, run on 8 threads. */
export function describeScale(t: ConformanceContext): void {
  describe("scale", () => {
    it("builds 200 models (tables and views in a tree) with threads 8", async () => {
      const specs: NodeSpec[] = [];
      for (let i = 0; i < 200; i++) {
        const parent = i === 0 ? null : Math.floor((i - 1) / 2);
        specs.push({
          name: `m${i}`,
          sql: parent === null ? "select 1 as depth, 0 as id" : `select depth + 1 as depth, ${i} as id from ${t.rel(`m${parent}`)}`,
          dependsOn: parent === null ? [] : [`m${parent}`],
          config: { materialized: i % 3 === 0 ? "view" : "table" },
        });
      }
      const started = Date.now();
      const { summary } = await t.run(specs, { threads: 8 });
      const elapsed = Date.now() - started;
      expect(summary.counts.success).toBe(200);
      expect(summary.counts.error).toBe(0);
      expect(new Set(summary.results.map((r) => r.thread_id)).size).toBeGreaterThan(1);
      expect(await t.query(`select depth, id from ${t.rel("m199")}`)).toEqual([{ depth: 8, id: 199 }]);
      expect((await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).length).toBe(200);
      // Not a benchmark, only a guard against pathological slowness (e.g. serialised catalog scans).
      expect(elapsed).toBeLessThan(120000);
    }, 180000);
  });
}
