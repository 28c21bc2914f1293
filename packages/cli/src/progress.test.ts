import type { Manifest, ManifestNode } from "@tsdbt/core";
import type { NodeInfo, NodeResult, RunEvent } from "@tsdbt/runner";
import { Logger } from "./logger";
import { fancyLine, RunProgress, statLine } from "./progress";
import dbtEvents from "./__fixtures__/dbt-1.10-events.json";

const DBT = (dbtEvents as { events: Record<string, { code: string; fields: string[] }> }).events;

function info(id: string, type: string, materialized: string, status: NodeInfo["node_status"]): NodeInfo {
  const name = id.split(".")[2]!;
  return { unique_id: id, node_status: status, node_started_at: "2026-01-01T00:00:00.000000", node_finished_at: "", materialized, resource_type: type, node_name: name, node_path: `${name}.sql`, node_relation: { database: "db", schema: "s", alias: name, relation_name: `"db"."s"."${name}"` }, meta: {}, node_checksum: "" };
}

function result(id: string, status: NodeResult["status"], extra: Partial<NodeResult> = {}): NodeResult {
  return { status, timing: [], thread_id: "Thread-1 (worker)", execution_time: 0.5, adapter_response: { _message: "CREATE VIEW" }, message: null, failures: null, unique_id: id, compiled: true, compiled_code: "select 1", relation_name: null, ...extra };
}

function node(id: string, type: string, materialized: string, extra: Record<string, unknown> = {}): ManifestNode {
  const name = id.split(".")[2]!;
  return { unique_id: id, resource_type: type, name, original_file_path: `models/${name}.sql`, config: { materialized }, depends_on: { nodes: [], macros: [] }, ...extra } as unknown as ManifestNode;
}

describe("RunProgress", () => {
  const manifest = {
    nodes: {
      "model.p.ok": node("model.p.ok", "model", "view"),
      "model.p.bad": node("model.p.bad", "model", "table", { compiled_path: "target/compiled/p/models/bad.sql" }),
      "seed.p.raw": node("seed.p.raw", "seed", "seed"),
      "test.p.unique_ok_id": node("test.p.unique_ok_id", "test", "test", { test_metadata: { name: "unique", kwargs: { model: "{{ get_where_subquery(ref('ok')) }}" } }, depends_on: { nodes: ["model.p.ok"], macros: [] } }),
    },
    unit_tests: {},
  } as unknown as Manifest;

  function fire(events: RunEvent[]): { name: string; code: string; level: string; msg: string; data: Record<string, unknown> }[] {
    const seen: { name: string; code: string; level: string; msg: string; data: Record<string, unknown> }[] = [];
    const logger = new Logger({ invocationId: "i", write: () => undefined, onEvent: (e) => seen.push({ name: e.name, code: e.code, level: e.level, msg: e.msg, data: e.data ?? {} }) });
    const progress = new RunProgress(logger, manifest);
    for (const e of events) progress.onEvent(e);
    progress.summary({ results: events.flatMap((e) => (e.kind === "node_finish" ? [e.result] : [])), elapsed: 1.5, counts: { success: 2, error: 1, skipped: 1, pass: 0, warn: 0, fail: 1 }, interrupted: false, startedAt: "", hookErrors: [] });
    return seen;
  }

  const run: RunEvent[] = [
    { kind: "node_start", index: 1, total: 5, node_info: info("seed.p.raw", "seed", "seed", "started"), thread: "Thread-1 (worker)" },
    { kind: "node_finish", index: 1, total: 5, node_info: info("seed.p.raw", "seed", "seed", "success"), result: result("seed.p.raw", "success", { adapter_response: { _message: "INSERT 3", rows_affected: 3 } }) },
    { kind: "node_start", index: 2, total: 5, node_info: info("model.p.ok", "model", "view", "started"), thread: "Thread-1 (worker)" },
    { kind: "node_finish", index: 2, total: 5, node_info: info("model.p.ok", "model", "view", "success"), result: result("model.p.ok", "success") },
    { kind: "node_start", index: 3, total: 5, node_info: info("model.p.bad", "model", "table", "started"), thread: "Thread-1 (worker)" },
    { kind: "node_finish", index: 3, total: 5, node_info: info("model.p.bad", "model", "table", "error"), result: result("model.p.bad", "error", { message: "Database Error in model bad (models/bad.sql)\n  boom" }) },
    { kind: "node_finish", index: 4, total: 5, node_info: info("model.p.child", "model", "view", "skipped"), result: result("model.p.child", "skipped") },
    { kind: "node_start", index: 5, total: 5, node_info: info("test.p.unique_ok_id", "test", "test", "started"), thread: "Thread-1 (worker)" },
    { kind: "node_finish", index: 5, total: 5, node_info: info("test.p.unique_ok_id", "test", "test", "fail"), result: result("test.p.unique_ok_id", "fail", { failures: 2, message: "Got 2 results, configured to fail if != 0" }) },
  ];

  it("fires dbt's events in dbt's order, each with dbt's code and only data fields dbt's event has", () => {
    const seen = fire(run);
    for (const e of seen) {
      expect([e.name, e.code]).toEqual([e.name, DBT[e.name]?.code]);
      for (const key of Object.keys(e.data)) expect([e.name, DBT[e.name]!.fields.includes(key)]).toEqual([e.name, true]);
    }
    const visible = seen.filter((e) => e.level !== "debug").map((e) => e.name);
    expect(visible).toEqual([
      ...["LogStartLine", "LogSeedResult", "LogStartLine", "LogModelResult", "LogStartLine", "LogModelResult", "SkippingDetails", "LogStartLine", "LogTestResult"],
      ...["Formatting", "FinishedRunningStats", "Formatting", "EndOfRunSummary"],
      ...["Formatting", "RunResultFailure", "RunResultError", "Formatting", "SQLCompiledPath"],
      ...["Formatting", "RunResultFailure", "RunResultError"],
      ...["Formatting", "StatsLine"],
    ]);
    const test = seen.find((e) => e.name === "LogTestResult")!;
    expect(test).toMatchObject({ level: "error", data: { status: "fail", num_failures: 2, num_models: 5, attached_node: "model.p.ok" } });
    expect(test.msg).toBe(fancyLine("FAIL 2 unique_ok_id", "FAIL 2", 5, 5, 80, 0.5));
    expect(seen.find((e) => e.name === "LogModelResult" && e.level === "error")!.msg).toBe("3 of 5 ERROR creating sql table model s.bad .................................... [ERROR in 0.50s]");
    expect(seen.find((e) => e.name === "StatsLine")!.msg).toBe("Done. PASS=2 WARN=0 ERROR=2 SKIP=1 NO-OP=0 TOTAL=5");
    expect(seen.find((e) => e.name === "EndOfRunSummary")!.msg).toBe("Completed with 2 errors, 0 partial successes, and 0 warnings:");
    expect(seen.find((e) => e.name === "SQLCompiledPath")!.msg).toBe("  compiled code at target/compiled/p/models/bad.sql");
  });

  it("pads progress lines as dbt does, to --printer-width", () => {
    // dbt-core 1.10.23's own line for the same node (jaffle_shop build)
    expect(fancyLine("START sql view model corpus_jaffle_shop.stg_customers", "RUN", 4, 28)).toBe("4 of 28 START sql view model corpus_jaffle_shop.stg_customers .................. [RUN]");
    expect(fancyLine("OK created sql view model corpus_jaffle_shop.stg_customers", "CREATE VIEW", 4, 28, 80, 0.14844322)).toBe(
      "4 of 28 OK created sql view model corpus_jaffle_shop.stg_customers ............. [CREATE VIEW in 0.15s]",
    );
    expect(fancyLine("START test x", "RUN", 1, 1, 40)).toHaveLength(40 + " [RUN]".length);
  });

  it("counts a run's nodes as dbt's 'Finished running' line does", () => {
    const nodes = [node("seed.p.a", "seed", "seed"), node("seed.p.b", "seed", "seed"), node("model.p.t", "model", "table"), node("test.p.x", "test", "test"), node("model.p.v", "model", "view"), node("model.p.w", "model", "view")];
    expect(statLine(nodes)).toBe("2 seeds, 1 table model, 1 data test, 2 view models");
  });
});
