import type { ConformanceContext } from "./context";

/** Data tests: pass, warn and fail verdicts computed in the warehouse. */
export function describeDataTests(t: ConformanceContext): void {
  describe("data tests", () => {
    it("passes, warns and fails by severity and thresholds", async () => {
      const model = { name: "m", sql: "select 1 as id, 'a' as v union all select 2, null union all select 3, null", config: { materialized: "table" } };
      const failing = `select * from ${t.rel("m")} where v is null`;
      const test = (name: string, sql: string, config: Record<string, unknown> = {}) => ({ name, resourceType: "test" as const, sql, dependsOn: ["m"], config });
      const { summary } = await t.run([
        model,
        test("passes", `select * from ${t.rel("m")} where id is null`),
        test("fails", failing),
        test("warns_by_severity", failing, { severity: "warn" }),
        test("warns_by_threshold", failing, { warn_if: ">1", error_if: ">5" }),
        test("passes_threshold", failing, { warn_if: ">5", error_if: ">5" }),
        test("limited", failing, { limit: 1 }),
      ]);
      const verdicts = Object.fromEntries(summary.results.map((r) => [r.unique_id.split(".").pop(), [r.status, r.failures]]));
      expect(verdicts).toEqual({
        m: ["success", null],
        passes: ["pass", 0],
        fails: ["fail", 2],
        warns_by_severity: ["warn", 2],
        warns_by_threshold: ["warn", 2],
        // dbt-core reports no failures for a passing test, even with rows under the thresholds
        passes_threshold: ["pass", 0],
        limited: ["fail", 1],
      });
      const fails = summary.results.find((r) => r.unique_id.endsWith(".fails"))!;
      expect(fails.message).toBe("Got 2 results, configured to fail if != 0");
    });

    it("reports a test whose SQL is broken as an error", async () => {
      const { summary } = await t.run([{ name: "broken", resourceType: "test", sql: "select * from no_such_relation_anywhere" }]);
      expect(summary.results[0]!.status).toBe("error");
    });
  });
}
