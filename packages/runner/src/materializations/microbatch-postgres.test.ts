/*
 * Microbatch models on PostgreSQL through the runner, against what dbt-core 1.10.23 with
 * dbt-postgres 1.9.0 did with the same model and data (its log lines and run_results):
 * each batch is merged on the unique_key, which dbt-postgres requires.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-postgres";
import type { MicrobatchBatch } from "@tsdbt/core";
import { postgresTargetOf, startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MicrobatchOptions, RunEvent } from "../types";

let server: TestPostgres;
let dir: string;
let adapter: Adapter;
let schema: string;
beforeAll(async () => {
  server = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), "tsdbt-microbatch-pg-"));
  schema = uniqueSchemaName("tsdbt_microbatch");
  adapter = createAdapter(postgresTargetOf(server, schema), { projectDir: dir, targetPath: dir });
  await adapter.open();
  await adapter.execute(`create schema ${schema}`);
}, 120000);
afterAll(async () => {
  await adapter?.execute(`drop schema if exists ${schema} cascade`).catch(() => undefined);
  await adapter?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await adapter.execute(`drop table if exists ${schema}.daily; drop table if exists ${schema}.events; create table ${schema}.events (id integer, occurred_at timestamp, amount integer)`);
  // the oracle's seed
  await adapter.execute(`insert into ${schema}.events values (1, '2026-12-01 10:00', 10), (2, '2026-12-02 11:00', 20), (3, '2026-12-03 12:00', 30), (4, '2026-12-04 13:00', 40), (5, '2026-12-05 01:00', 50)`);
});

/** The filtered ref dbt renders for a batch: `(select * from events where occurred_at >= '…' and occurred_at < '…') _dbt_et_filter_subq_events`. */
const filtered = (batch?: MicrobatchBatch, fail?: string) => {
  const from = batch ? `(select * from ${schema}.events where occurred_at >= '${batch.eventTimeStart}' and occurred_at < '${batch.eventTimeEnd}') _dbt_et_filter_subq_events` : `${schema}.events`;
  return `select id, occurred_at, amount${batch?.id === fail ? " / 0" : ""} as amount from ${from}`;
};

function model(config: Record<string, unknown>, fail?: string): NodeSpec {
  return { name: "daily", sql: ({ batch }) => filtered(batch, fail), config: { materialized: "incremental", incremental_strategy: "microbatch", event_time: "occurred_at", batch_size: "day", begin: "2026-12-01T00:00:00", schema, ...config } };
}

async function run(spec: NodeSpec, options: MicrobatchOptions = {}) {
  const { manifest, compiler, ids } = project(adapter, [spec]);
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 4, projectDir: dir, microbatch: { now: new Date("2026-12-05T23:08:19Z"), ...options }, onEvent: (e) => events.push(e) });
  // dbt's batch result lines: `Batch 1 of 5 OK created batch 2026-12-01 of … [SELECT 1 in …]`
  const lines = events.flatMap((e) => (e.kind === "batch_finish" ? [`Batch ${e.index} of ${e.total} ${e.label} ${e.status === "success" ? e.message : e.status.toUpperCase()}`] : []));
  return { result: summary.results[0]!, lines, events };
}

const contents = () => rows(adapter, `select id, amount from ${schema}.daily order by id`);
const day = (d: string, next: string): [string, string] => [`2026-12-${d}T00:00:00+00:00`, `2026-12-${next}T00:00:00+00:00`];

describe("microbatch models on PostgreSQL (dbt-postgres 1.9.0)", () => {
  it("first run from begin, then the lookback batches: the table is created by the first batch, later batches merge (SELECT 1, MERGE 1 as dbt reports)", async () => {
    const first = await run(model({ unique_key: "id" }));
    expect(first.lines).toEqual(["Batch 1 of 5 2026-12-01 SELECT 1", "Batch 2 of 5 2026-12-02 MERGE 1", "Batch 3 of 5 2026-12-03 MERGE 1", "Batch 4 of 5 2026-12-04 MERGE 1", "Batch 5 of 5 2026-12-05 MERGE 1"]);
    expect(first.result).toMatchObject({ status: "success", message: "SUCCESS", adapter_response: {}, failures: 0, compiled: false, compiled_code: null });
    expect(first.result.batch_results).toEqual({ successful: [day("01", "02"), day("02", "03"), day("03", "04"), day("04", "05"), day("05", "06")], failed: [] });
    await adapter.execute(`update ${schema}.events set amount = amount + 1`);
    const second = await run(model({ unique_key: "id" }));
    expect(second.lines).toEqual(["Batch 1 of 2 2026-12-04 MERGE 1", "Batch 2 of 2 2026-12-05 MERGE 1"]);
    expect(await contents()).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 20 },
      { id: 3, amount: 30 },
      { id: 4, amount: 41 },
      { id: 5, amount: 51 },
    ]);
  });

  it("a batch the database refuses: PARTIAL SUCCESS (3/4), the other batches' rows kept; a retry runs only that batch", async () => {
    const window = { eventTimeStart: new Date("2026-12-01T00:00:00Z"), eventTimeEnd: new Date("2026-12-05T00:00:00Z") };
    const partial = await run(model({ unique_key: "id" }, "20261203"), window);
    expect(partial.lines).toEqual(["Batch 1 of 4 2026-12-01 SELECT 1", "Batch 2 of 4 2026-12-02 MERGE 1", "Batch 3 of 4 2026-12-03 ERROR", "Batch 4 of 4 2026-12-04 MERGE 1"]);
    expect(partial.result).toMatchObject({ status: "partial success", message: "PARTIAL SUCCESS (3/4)" });
    expect(partial.result.batch_results).toEqual({ successful: [day("01", "02"), day("02", "03"), day("04", "05")], failed: [day("03", "04")] });
    const error = partial.events.find((e) => e.kind === "batch_finish" && e.status === "error");
    expect(error?.kind === "batch_finish" && error.error).toBe("Database Error\n  division by zero");
    expect((await contents()).map((r) => r.id)).toEqual([1, 2, 4]);

    const retried = await run(model({ unique_key: "id" }), { retry: { "model.proj.daily": partial.result.batch_results! } });
    expect(retried.lines).toEqual(["Batch 1 of 1 2026-12-03 MERGE 1"]);
    expect(retried.result.batch_results).toEqual({ successful: [day("03", "04"), day("01", "02"), day("02", "03"), day("04", "05")], failed: [] });
    expect((await contents()).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it("without a unique_key the first batch creates the table and every other batch fails, as dbt-postgres's (PARTIAL SUCCESS (1/5))", async () => {
    const { lines, result, events } = await run(model({}));
    expect(lines).toEqual(["Batch 1 of 5 2026-12-01 SELECT 1", "Batch 2 of 5 2026-12-02 ERROR", "Batch 3 of 5 2026-12-03 ERROR", "Batch 4 of 5 2026-12-04 ERROR", "Batch 5 of 5 2026-12-05 ERROR"]);
    expect(result.message).toBe("PARTIAL SUCCESS (1/5)");
    const error = events.find((e) => e.kind === "batch_finish" && e.status === "error");
    expect(error?.kind === "batch_finish" && error.error).toContain("TSDBT-E415: dbt-postgres 'microbatch' requires a `unique_key` config");
  });
});
