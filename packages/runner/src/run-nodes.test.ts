import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "./__fixtures__/harness";
import { buildRunResults, writeRunResults } from "./results/run-results";
import { runNodes } from "./run-nodes";
import type { RunEvent, RunOptions } from "./types";

let adapter: Adapter;
let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dir, dispose } = await openDuckDb()));
afterEach(() => dispose());

const LONG_QUERY = "select sum(i * i % 7) as v from range(100000000000) t(i)";

/** A one-shot event a test can wait for. */
function signalled(): { fire(): void; happened: Promise<void> } {
  let fire!: () => void;
  const happened = new Promise<void>((resolve) => (fire = resolve));
  return { fire, happened };
}

/**
 * The test's DuckDB adapter with hooks: `beforeExecute` sees (and may hold) every statement,
 * `onSent` hears of it once it went to DuckDB, `onCancel` is told once the runner's cancel()
 * reached DuckDB. When `isLong` picks out a statement, cancel()
 * repeats the interrupt until that statement has ended: an interrupt that reaches DuckDB just
 * before the statement starts would otherwise be lost and leave the test waiting forever.
 */
function instrumented(
  inner: Adapter,
  hooks: {
    beforeExecute?: (sql: string) => Promise<void> | void;
    /** Awaited after the statement finished, before its caller sees the result. */
    afterExecute?: (sql: string) => Promise<void> | void;
    onSent?: (sql: string) => void;
    onCancel?: () => void;
    isLong?: (sql: string) => boolean;
  },
): Adapter {
  const long = new Set<Promise<unknown>>();
  const run = (execute: Adapter["execute"]) => async (sql: string, options?: Parameters<Adapter["execute"]>[1]) => {
    await hooks.beforeExecute?.(sql);
    const pending = execute(sql, options);
    if (hooks.isLong?.(sql)) {
      const settled = pending.then(
        () => undefined,
        () => undefined,
      );
      long.add(settled);
      void settled.then(() => long.delete(settled));
    }
    hooks.onSent?.(sql);
    if (!hooks.afterExecute) return pending;
    const result = await pending;
    await hooks.afterExecute(sql);
    return result;
  };
  return new Proxy(inner, {
    get(target, key) {
      if (key === "execute") return run(target.execute.bind(target));
      if (key === "transaction") return <T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>) => target.transaction((tx) => fn({ execute: run(tx.execute.bind(tx)) }));
      if (key === "cancel") {
        return async () => {
          await target.cancel();
          hooks.onCancel?.();
          while (long.size > 0) {
            await Promise.race([...long, new Promise((resolve) => setTimeout(resolve, 20))]);
            if (long.size > 0) await target.cancel();
          }
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function setup(specs: NodeSpec[], options: Partial<RunOptions> = {}) {
  const { manifest, compiler, ids } = project(options.adapter ?? adapter, specs);
  const events: RunEvent[] = [];
  const go = () => runNodes({ manifest, compiler, adapter, selected: ids, threads: 2, projectDir: dir, onEvent: (e) => events.push(e), ...options });
  return { go, events };
}

const statusById = (results: { unique_id: string; status: string }[]) => Object.fromEntries(results.map((r) => [r.unique_id, r.status]));

describe("runNodes", () => {
  it("skips the descendants of a failed node and runs everything else", async () => {
    const { go } = setup([
      { name: "a", sql: "select 1 as v", config: { materialized: "table" } },
      { name: "b", sql: "select * from no_such_table", dependsOn: ["model.proj.a"] },
      { name: "c", sql: "select * from b", dependsOn: ["model.proj.b"] },
      { name: "d", sql: "select 2 as v" },
    ]);
    const summary = await go();
    expect(statusById(summary.results)).toEqual({ "model.proj.a": "success", "model.proj.b": "error", "model.proj.c": "skipped", "model.proj.d": "success" });
    // dbt 1.10 records such a node with no message, no timing and nothing compiled
    expect(summary.results.find((r) => r.unique_id === "model.proj.c")).toMatchObject({ message: null, timing: [], adapter_response: {}, compiled: false, compiled_code: null, failures: null });
    expect(summary.results.find((r) => r.unique_id === "model.proj.b")!.message).toMatch(/no_such_table/);
    expect(summary.counts).toMatchObject({ success: 2, error: 1, skipped: 1 });
  });

  it("in build, runs a model's tests before its dependents and skips them when an error-severity test fails", async () => {
    const specs = (severity: string): NodeSpec[] => [
      { name: "m", sql: "select 1 as id union all select null", config: { materialized: "table" } },
      { name: "not_null_m_id", resourceType: "test", sql: "select * from m where id is null", dependsOn: ["model.proj.m"], config: { severity } },
      { name: "child", sql: "select * from m", dependsOn: ["model.proj.m"] },
    ];
    const failing = await setup(specs("error")).go();
    expect(statusById(failing.results)).toEqual({ "model.proj.m": "success", "test.proj.not_null_m_id": "fail", "model.proj.child": "skipped" });
    expect(failing.results.find((r) => r.unique_id === "test.proj.not_null_m_id")).toMatchObject({ failures: 1, message: "Got 1 result, configured to fail if != 0" });
    const warning = await setup(specs("warn")).go();
    expect(statusById(warning.results)).toEqual({ "model.proj.m": "success", "test.proj.not_null_m_id": "warn", "model.proj.child": "success" });
  });

  it("applies warn_if, error_if, fail_calc and limit to data tests, and reports broken test SQL as an error", async () => {
    await adapter.execute("create table t as select * from range(20) r(i)");
    const test = (name: string, sql: string, config: Record<string, unknown> = {}): NodeSpec => ({ name, resourceType: "test", sql, config });
    const summary = await setup([
      test("few", "select * from t where i < 5", { warn_if: ">1", error_if: ">10" }),
      test("many", "select * from t", { warn_if: ">1", error_if: ">10" }),
      test("limited", "select * from t", { limit: 3, error_if: ">3" }),
      test("summed", "select i from t where i < 3", { fail_calc: "sum(i)", error_if: "> 2" }),
      test("clean", "select * from t where i < 0"),
      test("broken", "select * from nowhere"),
    ]).go();
    const byName = Object.fromEntries(summary.results.map((r) => [r.unique_id.split(".")[2]!, [r.status, r.failures]]));
    expect(byName).toEqual({
      few: ["warn", 5],
      many: ["fail", 20],
      limited: ["warn", 3],
      summed: ["fail", 3],
      clean: ["pass", 0],
      broken: ["error", null],
    });
  });

  it("with failFast, interrupts a statement that is running and skips what has not started", async () => {
    // a_fails fails only once b_long's long statement was sent: the order is fixed, not left to timing
    const longSent = signalled();
    const gated = instrumented(adapter, {
      beforeExecute: async (sql) => {
        if (sql.includes("nowhere")) await longSent.happened;
      },
      onSent: (sql) => sql.includes("range(100000000000)") && longSent.fire(),
      isLong: (sql) => sql.includes("range(100000000000)"),
    });
    const { go } = setup(
      [
        { name: "a_fails", sql: "select * from nowhere", config: { materialized: "table" } },
        { name: "b_long", sql: LONG_QUERY, config: { materialized: "table" } },
        { name: "c_waits", sql: "select 1 as v" },
      ],
      { failFast: true, adapter: gated },
    );
    const summary = await go();
    expect(statusById(summary.results)).toEqual({ "model.proj.a_fails": "error", "model.proj.b_long": "error", "model.proj.c_waits": "skipped" });
    expect(summary.results.find((r) => r.unique_id === "model.proj.b_long")!.message).toMatch(/INTERRUPT/i);
    // as dbt 1.10 records a node --fail-fast kept from running
    expect(summary.results.find((r) => r.unique_id === "model.proj.c_waits")).toMatchObject({ message: "Skipping due to fail_fast", thread_id: "MainThread", timing: [] });
  });

  it("with failFast, a node between two statements fails with TSDBT-E411 before its next statement", async () => {
    // b_long's pre-hook has finished but its result is held until the run was stopped (holding the
    // statement before it ran would leave it exposed to the cancel's interrupt); the main statement must then not start
    // a_fails fails only once b_long's pre-hook has finished, so the stop never interrupts the pre-hook itself
    const cancelled = signalled();
    const preHookDone = signalled();
    const sent: string[] = [];
    const gated = instrumented(adapter, {
      beforeExecute: async (sql) => {
        sent.push(sql);
        if (sql.includes("nowhere")) await preHookDone.happened;
      },
      afterExecute: async (sql) => {
        if (!sql.includes("b_pre_hook")) return;
        preHookDone.fire();
        await cancelled.happened;
      },
      onCancel: () => cancelled.fire(),
    });
    const { go } = setup(
      [
        { name: "a_fails", sql: "select * from nowhere", config: { materialized: "table" } },
        { name: "b_long", sql: LONG_QUERY, config: { materialized: "table", "pre-hook": ["select 1 as b_pre_hook"] } },
      ],
      { failFast: true, adapter: gated },
    );
    const summary = await go();
    expect(statusById(summary.results)).toEqual({ "model.proj.a_fails": "error", "model.proj.b_long": "error" });
    const message = summary.results.find((r) => r.unique_id === "model.proj.b_long")!.message;
    expect(message).toContain("TSDBT-E411: The run was stopped before this statement started.");
    expect(message).toContain("hint: Nothing was changed by this statement; run the command again");
    expect(sent.some((sql) => sql.includes("range(100000000000)"))).toBe(false);
    expect(await rows(adapter, "select count(*) as n from information_schema.tables where table_name like 'b_long%'")).toEqual([{ n: 0 }]);
  });

  it("on abort, cancels running statements and returns what completed", async () => {
    const controller = new AbortController();
    // abort once the long statement was sent (an event, not a delay)
    const gated = instrumented(adapter, {
      onSent: (sql) => sql.includes("range(100000000000)") && controller.abort(),
      isLong: (sql) => sql.includes("range(100000000000)"),
    });
    const { go } = setup(
      [
        { name: "a_long", sql: LONG_QUERY, config: { materialized: "table" } },
        { name: "b_after", sql: "select 1 as v", dependsOn: ["model.proj.a_long"] },
      ],
      { signal: controller.signal, adapter: gated },
    );
    const summary = await go();
    expect(summary.interrupted).toBe(true);
    expect(statusById(summary.results)).toEqual({ "model.proj.a_long": "error" });
    expect(summary.results[0]!.message).toMatch(/interrupt|cancel/i);
  });

  it("runs on-run-start before the nodes and on-run-end after them with the results", async () => {
    const { go } = setup([{ name: "m", sql: "select 1 as v", config: { materialized: "table" } }], {
      onRunStart: ["create table run_log (what varchar, n integer)", "insert into run_log values ('start', null)"],
      onRunEnd: ["insert into run_log select 'end', count(*) from m where {{ results_count }} = 1"],
    });
    const summary = await go();
    expect(summary.hookErrors).toEqual([]);
    expect(await rows(adapter, "select what, n from run_log order by rowid")).toEqual([{ what: "start", n: null }, { what: "end", n: 1 }]);
  });

  it("runs the nodes when an on-run-start hook fails, as dbt does by default, skipping the hooks after it", async () => {
    const summary = await setup([{ name: "m", sql: "select 1 as v" }], { onRunStart: ["select 1", "select * from nowhere", "select 2"] }).go();
    expect(summary.hookErrors).toEqual([{ hook: "on-run-start", index: 2, message: expect.stringMatching(/^on-run-start hook 2 failed: .*nowhere/) }]);
    // each hook is a result of its own (dbt's operation node): the one after the failure is skipped
    expect(summary.results.map((r) => [r.unique_id, r.status, r.failures, r.message?.replace(/\n[\s\S]*/, "") ?? null])).toEqual([
      ["operation.project.project-on-run-start-0", "success", 0, "project.on-run-start.0 passed"],
      ["operation.project.project-on-run-start-1", "error", 1, "project.on-run-start.1 failed, error:"],
      ["operation.project.project-on-run-start-2", "skipped", 1, "project.on-run-start.2 skipped"],
      ["model.proj.m", "success", null, "CREATE VIEW"],
    ]);
    expect(summary.results[2]).toMatchObject({ thread_id: "main", timing: [], execution_time: 0, compiled: false, compiled_code: null });
  });

  it("skips every node when an on-run-start hook fails and the project sets skip_nodes_if_on_run_start_fails", async () => {
    const summary = await setup([{ name: "m", sql: "select 1 as v" }], { onRunStart: ["select * from nowhere"], skipNodesIfOnRunStartFails: true }).go();
    expect(summary.hookErrors).toHaveLength(1);
    // as dbt 1.10 records them: no message, on its main thread
    expect(summary.results.map((r) => [r.unique_id, r.status, r.failures, r.thread_id])).toEqual([
      ["operation.project.project-on-run-start-0", "error", 1, "main"],
      ["model.proj.m", "skipped", null, "MainThread"],
    ]);
    expect(summary.results[1]!.message).toBeNull();
  });

  it("emits start and finish events with dbt's node_info fields", async () => {
    const { go, events } = setup([{ name: "m", sql: "select 1 as v", config: { materialized: "table" } }]);
    await go();
    expect(events.map((e) => e.kind)).toEqual(["node_start", "node_debug", "node_sql", "node_finish"]);
    // between start and finish: which path the build took, and each statement it sent (dbt's debug log)
    expect(events[1]).toEqual({ kind: "node_debug", unique_id: "model.proj.m", level: "debug", thread: "Thread-1 (worker)", message: "model.proj.m: materialization 'table' runs tsdbt's built-in TypeScript strategy." });
    expect(events[2]).toMatchObject({ kind: "node_sql", unique_id: "model.proj.m", sql: expect.stringMatching(/^create table "warehouse"\."main"\."m" as \(\s*select 1 as v/) });
    const finish = events[3]!;
    expect(finish).toMatchObject({
      index: 1,
      total: 1,
      node_info: {
        unique_id: "model.proj.m",
        node_status: "success",
        materialized: "table",
        resource_type: "model",
        node_name: "m",
        node_path: "m.sql",
        node_relation: { database: "warehouse", schema: "main", alias: "m", relation_name: '"warehouse"."main"."m"' },
      },
    });
    expect(finish.kind === "node_finish" && finish.node_info.node_finished_at).toEqual(expect.any(String));
  });

  it("writes run_results.json that validates against dbt's v6 schema", async () => {
    const summary = await setup([
      { name: "m", sql: "select 1 as id", config: { materialized: "table" } },
      { name: "bad", sql: "select * from nowhere" },
      { name: "after_bad", sql: "select 1", dependsOn: ["model.proj.bad"] },
      { name: "unique_m_id", resourceType: "test", sql: "select id from m group by id having count(*) > 1", dependsOn: ["model.proj.m"] },
    ]).go();
    const path = join(dir, "target", "run_results.json");
    await writeRunResults(path, summary, { invocationId: "00000000-0000-0000-0000-000000000000", args: { which: "build", threads: 2 } });
    const written = JSON.parse(readFileSync(path, "utf8"));
    const schema = JSON.parse(readFileSync(join(__dirname, "../../../test/fixtures/dbt-schemas/run-results-v6.json"), "utf8"));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(written) ? [] : validate.errors).toEqual([]);
    expect(written.results).toHaveLength(4);
    const model = written.results.find((r: { unique_id: string }) => r.unique_id === "model.proj.m");
    expect(model).toMatchObject({ status: "success", thread_id: expect.stringMatching(/^Thread-\d \(worker\)$/), compiled: true, compiled_code: "select 1 as id" });
    expect(model.timing.map((t: { name: string }) => t.name)).toEqual(["compile", "execute"]);
    // every result ends with dbt's batch_results (null for all but microbatch models), as dbt 1.10 writes it
    expect(written.results.map((r: Record<string, unknown>) => Object.keys(r).at(-1))).toEqual(Array(4).fill("batch_results"));
    expect(written.results.map((r: Record<string, unknown>) => r.batch_results)).toEqual([null, null, null, null]);
    expect(buildRunResults(summary, { invocationId: "x", args: {} }).metadata.dbt_schema_version).toBe("https://schemas.getdbt.com/dbt/run-results/v6.json");
  });
});
