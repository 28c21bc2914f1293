import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { RunEvent } from "../types";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dispose } = await openDuckDb()));
afterEach(() => dispose());

async function run(specs: NodeSpec[]): Promise<RunEvent[]> {
  const { manifest, compiler, ids } = project(adapter, specs);
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 2, projectDir: "/", onEvent: (e) => events.push(e) });
  expect(summary.results.map((r) => r.status)).toEqual(specs.map(() => "success"));
  return events;
}

describe("grants on an engine without GRANT (DuckDB)", () => {
  it("builds every node, sends no grant statement and warns once per run, as dbt-duckdb does", async () => {
    const specs: NodeSpec[] = [
      { name: "a", sql: "select 1 as id", config: { materialized: "table", grants: { select: ["reporter"] } } },
      { name: "b", sql: "select 1 as id", config: { materialized: "view", grants: { select: "reporter" } } },
      { name: "c", sql: "select 1 as id", config: { materialized: "table", grants: {} } },
    ];
    for (let build = 0; build < 2; build++) {
      const events = await run(specs);
      const warnings = events.filter((e) => e.kind === "node_debug" && e.level === "warn").map((e) => (e as { message: string }).message);
      expect(warnings).toEqual([expect.stringMatching(/^Grants for relations are not supported by duckdb: the grants config of model\.proj\.[ab] /)]);
      expect(events.filter((e) => e.kind === "node_sql" && /^\s*(grant|revoke)\b/i.test(e.sql))).toEqual([]);
    }
  });
});
