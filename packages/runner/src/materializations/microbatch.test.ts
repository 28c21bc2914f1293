/*
 * Microbatch models on DuckDB through the runner: the batches a run builds, the rows each batch
 * leaves (dbt-duckdb's delete+insert of the batch window), the statuses and batch_results dbt
 * reports, hooks, retries and concurrent batches.
 */
import type { Adapter, Capabilities } from "@tsdbt/adapter-api";
import type { MicrobatchBatch } from "@tsdbt/core";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MicrobatchOptions, RunEvent } from "../types";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ adapter, dispose } = await openDuckDb());
  await adapter.execute("create table src (id integer, ts timestamp, amount integer)");
  await adapter.execute("insert into src values (1, '2026-12-01 10:00', 10), (2, '2026-12-02 11:00', 20), (3, '2026-12-03 12:00', 30), (4, '2026-12-04 09:00', 40)");
  await adapter.execute("create table hook_log (msg varchar)");
});
afterEach(() => dispose());

/** What core renders for a batch: the model's input filtered to the batch window (as dbt filters a ref with an event_time). */
const windowed = (batch?: MicrobatchBatch) =>
  batch ? `select id, ts, amount from (select * from src where ts >= '${batch.eventTimeStart}' and ts < '${batch.eventTimeEnd}') _dbt_et_filter_subq_src` : "select id, ts, amount from src";

function model(config: Record<string, unknown> = {}, sql: NodeSpec["sql"] = ({ batch }) => windowed(batch)): NodeSpec {
  return { name: "daily", sql, config: { materialized: "incremental", incremental_strategy: "microbatch", event_time: "ts", batch_size: "day", begin: "2026-12-01T00:00:00", lookback: 1, ...config } };
}

/** Runs the model; `now` is the run's clock (the last batch is the one holding it). */
async function run(spec: NodeSpec, options: MicrobatchOptions & { on?: Adapter; threads?: number; fullRefresh?: boolean } = {}) {
  const on = options.on ?? adapter;
  const { manifest, compiler, ids } = project(on, [spec]);
  const events: RunEvent[] = [];
  const summary = await runNodes({
    manifest,
    compiler,
    adapter: on,
    selected: ids,
    threads: options.threads ?? 1,
    projectDir: "/",
    fullRefresh: options.fullRefresh,
    microbatch: { now: options.now ?? new Date("2026-12-04T10:00:00Z"), eventTimeStart: options.eventTimeStart, eventTimeEnd: options.eventTimeEnd, retry: options.retry },
    onEvent: (e) => events.push(e),
  });
  const batches = events.filter((e) => e.kind === "batch_finish").map((e) => (e.kind === "batch_finish" ? `${e.index}/${e.total} ${e.label} ${e.status} ${e.message}` : ""));
  return { result: summary.results[0]!, events, batches, summary };
}

const contents = () => rows(adapter, "select id, amount from daily order by id");
const day = (d: string, next: string): [string, string] => [`2026-12-${d}T00:00:00+00:00`, `2026-12-${next}T00:00:00+00:00`];

describe("microbatch models on DuckDB", () => {
  it("first run: one batch per day from begin to now, each writing its own day; dbt's result fields", async () => {
    const { result, batches } = await run(model());
    expect(batches).toEqual(["1/4 2026-12-01 success CREATE TABLE", "2/4 2026-12-02 success INSERT 1", "3/4 2026-12-03 success INSERT 1", "4/4 2026-12-04 success INSERT 1"]);
    expect(result).toMatchObject({ status: "success", message: "SUCCESS", adapter_response: {}, failures: 0, compiled: false, compiled_code: null });
    expect(result.batch_results).toEqual({ successful: [day("01", "02"), day("02", "03"), day("03", "04"), day("04", "05")], failed: [] });
    expect(await contents()).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 20 },
      { id: 3, amount: 30 },
      { id: 4, amount: 40 },
    ]);
  });

  it("next run: the current batch and `lookback` before it, each replacing its window's rows", async () => {
    await run(model());
    // a late row on an old day is not reprocessed; rows of the looked-back days are replaced
    await adapter.execute("insert into src values (5, '2026-12-01 23:00', 50), (6, '2026-12-03 01:00', 60)");
    await adapter.execute("update src set amount = 31 where id = 3");
    const { result, batches } = await run(model());
    expect(batches).toEqual(["1/2 2026-12-03 success INSERT 2", "2/2 2026-12-04 success INSERT 1"]);
    expect(result.batch_results).toEqual({ successful: [day("03", "04"), day("04", "05")], failed: [] });
    expect(await contents()).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 20 },
      { id: 3, amount: 31 },
      { id: 4, amount: 40 },
      { id: 6, amount: 60 },
    ]);
  });

  it("--event-time-start/--event-time-end choose the batches; the statements delete the window and insert the batch", async () => {
    await run(model());
    await adapter.execute("update src set amount = amount * 100");
    const { batches, events } = await run(model(), { eventTimeStart: new Date("2026-12-02T00:00:00Z"), eventTimeEnd: new Date("2026-12-02T12:00:00Z") });
    expect(batches).toEqual(["1/1 2026-12-02 success INSERT 1"]);
    const sent = events.flatMap((e) => (e.kind === "node_sql" ? [e.sql] : []));
    expect(sent).toContain(`delete from "warehouse"."main"."daily" as DBT_INTERNAL_DEST\nwhere DBT_INTERNAL_DEST.ts >= '2026-12-02 00:00:00+00:00'\n  and DBT_INTERNAL_DEST.ts < '2026-12-03 00:00:00+00:00'`);
    // each batch writes its rows through a working table of its own
    expect(sent.some((sql) => sql.startsWith('create table "warehouse"."main"."daily__tsdbt_tmp_20261202" as'))).toBe(true);
    expect(await contents()).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 2000 },
      { id: 3, amount: 30 },
      { id: 4, amount: 40 },
    ]);
  });

  it("a failed batch does not lose the others: partial success, batch_results, the error of the batch", async () => {
    const failing = model({}, ({ batch }) => (batch?.id === "20261202" ? "select error('boom on the 2nd')" : windowed(batch)));
    const { result, batches, events } = await run(failing, { eventTimeStart: new Date("2026-12-01T00:00:00Z"), eventTimeEnd: new Date("2026-12-04T00:00:00Z") });
    expect(batches).toEqual(["1/3 2026-12-01 success CREATE TABLE", "2/3 2026-12-02 error ERROR", "3/3 2026-12-03 success INSERT 1"]);
    expect(result).toMatchObject({ status: "partial success", message: "PARTIAL SUCCESS (2/3)" });
    expect(result.batch_results).toEqual({ successful: [day("01", "02"), day("03", "04")], failed: [day("02", "03")] });
    const failure = events.find((e) => e.kind === "batch_finish" && e.status === "error");
    expect(failure?.kind === "batch_finish" && failure.error).toContain("boom on the 2nd");
    expect(await contents()).toEqual([
      { id: 1, amount: 10 },
      { id: 3, amount: 30 },
    ]);
  });

  it("when the first batch fails the others are skipped and the model errors", async () => {
    const failing = model({}, ({ batch }) => (batch?.id === "20261201" ? "select error('no table')" : windowed(batch)));
    const { result, batches, summary } = await run(failing, { eventTimeStart: new Date("2026-12-01T00:00:00Z"), eventTimeEnd: new Date("2026-12-03T00:00:00Z") });
    expect(batches).toEqual(["1/2 2026-12-01 error ERROR", "2/2 2026-12-02 skipped SKIPPED"]);
    expect(result).toMatchObject({ status: "error", message: "ERROR" });
    expect(result.batch_results).toEqual({ successful: [], failed: [day("01", "02"), day("02", "03")] });
    expect(summary.counts.error).toBe(1);
  });

  it("pre-hooks run with the first batch and post-hooks with the last, each seeing its batch", async () => {
    const hooked = model({ "pre-hook": "insert into hook_log values ('pre {{ model.batch.id }}')", "post-hook": "insert into hook_log values ('post {{ model.batch.id }}')" });
    await run(hooked, { eventTimeStart: new Date("2026-12-01T00:00:00Z"), eventTimeEnd: new Date("2026-12-04T00:00:00Z") });
    expect(await rows(adapter, "select msg from hook_log order by msg desc")).toEqual([{ msg: "pre 20261201" }, { msg: "post 20261203" }]);
  });

  it("--full-refresh rebuilds the table from begin; later batches of the run stay incremental", async () => {
    await run(model());
    await adapter.execute("delete from src where id = 1");
    const { batches } = await run(model(), { fullRefresh: true });
    expect(batches).toEqual(["1/4 2026-12-01 success CREATE TABLE", "2/4 2026-12-02 success INSERT 1", "3/4 2026-12-03 success INSERT 1", "4/4 2026-12-04 success INSERT 1"]);
    expect((await contents()).map((r) => r.id)).toEqual([2, 3, 4]);
  });

  it("retry runs only the batches that failed and reports the earlier successes too", async () => {
    await run(model());
    await adapter.execute("update src set amount = 0");
    const retry = { "model.proj.daily": { successful: [day("01", "02"), day("03", "04")], failed: [day("02", "03")] } };
    const { result, batches } = await run(model(), { retry });
    expect(batches).toEqual(["1/1 2026-12-02 success INSERT 1"]);
    expect(result).toMatchObject({ status: "success", message: "SUCCESS" });
    expect(result.batch_results).toEqual({ successful: [day("02", "03"), day("01", "02"), day("03", "04")], failed: [] });
    expect(await contents()).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 0 },
      { id: 3, amount: 30 },
      { id: 4, amount: 40 },
    ]);
  });
});

/** The adapter with some capabilities replaced (what another engine offers). */
function withCapabilities(base: Adapter, capabilities: Partial<Capabilities>): Adapter {
  const caps = { ...base.capabilities, ...capabilities };
  return new Proxy(base, {
    get(target, prop) {
      if (prop === "capabilities") return caps;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe("concurrent batches", () => {
  /** The order batches started and finished in, e.g. ["start 1", "finish 1", "start 2", …]. */
  const order = (events: RunEvent[]) => events.flatMap((e) => (e.kind === "batch_start" ? [`start ${e.index}`] : e.kind === "batch_finish" ? [`finish ${e.index}`] : []));
  const window = { eventTimeStart: new Date("2026-12-01T00:00:00Z"), eventTimeEnd: new Date("2026-12-05T00:00:00Z") };

  it("where the engine allows it, the middle batches run at once: the first before them, the last after them", async () => {
    const on = withCapabilities(adapter, { microbatchConcurrency: true });
    await run(model(), { on, threads: 4, ...window });
    const { events, result } = await run(model(), { on, threads: 4, ...window });
    const seen = order(events);
    expect(seen.slice(0, 2)).toEqual(["start 1", "finish 1"]);
    // batches 2 and 3 both started before either finished
    expect(seen.indexOf("start 3")).toBeLessThan(seen.indexOf("finish 2"));
    expect(seen.slice(-2)).toEqual(["start 4", "finish 4"]);
    expect(result.status).toBe("success");
    expect((await contents()).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it("one at a time when concurrent_batches is false, when the model reads {{ this }}, or when the engine has no concurrency", async () => {
    const sequential = ["start 1", "finish 1", "start 2", "finish 2", "start 3", "finish 3", "start 4", "finish 4"];
    const on = withCapabilities(adapter, { microbatchConcurrency: true });
    await run(model(), { on, threads: 4, ...window });
    expect(order((await run(model({ concurrent_batches: false }), { on, threads: 4, ...window })).events)).toEqual(sequential);
    // dbt's has_this: a model reading its own table runs its batches one at a time
    const readsThis = model({}, "select id, ts, amount from src where id not in (select id from {{ this }} where false)");
    expect(order((await run(readsThis, { on, threads: 4, ...window })).events)).toEqual(sequential);
    // DuckDB itself (like dbt-duckdb and dbt-postgres) runs batches one after another
    expect(order((await run(model(), { threads: 4, ...window })).events)).toEqual(sequential);
  });
});
