import { leftovers, type ConformanceContext } from "./context";

/**
 * Relations whose names use the whole identifier limit (63 bytes, PostgreSQL's): tsdbt's temp and
 * backup relations get shortened, hashed names, so two such models sharing a long prefix never
 * collide, and rebuilds swap them in like any other.
 */
export function describeLongNames(t: ConformanceContext): void {
  describe("long names", () => {
    it("builds, rebuilds and changes the kind of two 63-byte models that share 61 bytes", async () => {
      const a = `${"l".repeat(61)}_a`;
      const b = `${"l".repeat(61)}_b`;
      const specs = (materialized: string, v: number) => [
        { name: a, sql: `select ${v} as v`, config: { materialized } },
        { name: b, sql: `select ${v + 100} as v`, config: { materialized } },
      ];
      for (const [materialized, v] of [["table", 1], ["table", 2], ["view", 3], ["table", 4]] as const) {
        const { summary } = await t.run(specs(materialized, v), { threads: 2 });
        expect(summary.results.map((r) => r.status)).toEqual(["success", "success"]);
        expect(await t.query(`select v from ${t.rel(a)} union all select v from ${t.rel(b)} order by v`)).toEqual([{ v }, { v: v + 100 }]);
      }
      expect((await t.adapter.listRelations(t.adapter.defaultDatabase, t.schema)).map((r) => r.identifier).sort()).toEqual([a, b]);
      expect(await leftovers(t)).toEqual([]);
    });
  });
}
