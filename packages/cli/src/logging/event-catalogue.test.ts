import { DBT_EVENTS, TSDBT_EVENTS } from "./event-catalogue";
import dbtEvents from "../__fixtures__/dbt-1.10-events.json";

/** dbt-core 1.10.23's events, dumped from its event classes (see the fixture's `source`). */
const DBT = (dbtEvents as { events: Record<string, { code: string; level: string }> }).events;

/** Events whose level dbt picks per firing (from the node's status), or fires above their class level. */
const DYNAMIC = new Set(["LogTestResult", "LogNodeResult", "LogModelResult", "LogSnapshotResult", "LogSeedResult", "LogFreshnessResult", "LogBatchResult", "AdapterRegistered"]);

describe("event catalogue", () => {
  it("gives each dbt event dbt's code and level", () => {
    for (const [name, kind] of Object.entries(DBT_EVENTS)) {
      expect([name, kind.code]).toEqual([name, DBT[name]?.code]);
      if (!DYNAMIC.has(name)) expect([name, kind.level]).toEqual([name, DBT[name]!.level]);
    }
  });

  it("keeps the result events orchestrators read under dbt's codes", () => {
    expect(DBT_EVENTS.LogModelResult.code).toBe("Q012");
    expect(DBT_EVENTS.LogTestResult.code).toBe("Q007");
    expect(DBT_EVENTS.LogSeedResult.code).toBe("Q016");
    expect(DBT_EVENTS.LogSnapshotResult.code).toBe("Q015");
    expect(DBT_EVENTS.StatsLine.code).toBe("Z023");
  });

  it("never gives tsdbt's own events a dbt name or a dbt code", () => {
    const dbtCodes = new Set(Object.values(DBT).map((e) => e.code));
    const codes = new Set<string>();
    for (const [name, kind] of Object.entries(TSDBT_EVENTS)) {
      expect(DBT[name]).toBeUndefined();
      expect(kind.code).toMatch(/^T\d{3}$/);
      expect(dbtCodes.has(kind.code)).toBe(false);
      expect(codes.has(kind.code)).toBe(false);
      codes.add(kind.code);
    }
  });
});
