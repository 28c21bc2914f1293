/*
 * Snapshots on DuckDB through the runner: one source table goes through a sequence of states
 * (insert; update, delete, new row; a deleted row comes back; no change) with a run of every
 * snapshot after each, and each snapshot's history is asserted exactly after every step (the
 * same histories test/snapshots.test.ts asserts through the CLI). Times the snapshot run sets
 * itself (check strategy, deletions) read `T<run>`; times from the data, their date.
 */
import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MacroPort, NodeResult, RunEvent } from "../types";
import { expectSnapshotHistories } from "./__fixtures__/snapshot-histories";

let adapter: Adapter;
let dispose: () => Promise<void>;

const STATES = [
  ["(1, 'ann', timestamp '2024-01-01')", "(2, 'bob', timestamp '2024-01-01')", "(3, 'cy', timestamp '2024-01-01')"],
  // ann changes, bob is deleted, dee is new, cy stays
  ["(1, 'ann2', timestamp '2024-02-01')", "(3, 'cy', timestamp '2024-01-01')", "(4, 'dee', timestamp '2024-02-01')"],
  // bob comes back
  ["(1, 'ann2', timestamp '2024-02-01')", "(2, 'bob', timestamp '2024-03-01')", "(3, 'cy', timestamp '2024-01-01')", "(4, 'dee', timestamp '2024-02-01')"],
  // nothing changes
  ["(1, 'ann2', timestamp '2024-02-01')", "(2, 'bob', timestamp '2024-03-01')", "(3, 'cy', timestamp '2024-01-01')", "(4, 'dee', timestamp '2024-02-01')"],
];

const snapshot = (name: string, config: Record<string, unknown>): NodeSpec => ({ name, resourceType: "snapshot", sql: "select * from people", config: { materialized: "snapshot", ...config } });

const SNAPSHOTS = [
  snapshot("ts_ignore", { strategy: "timestamp", unique_key: "id", updated_at: "updated_at" }),
  snapshot("ts_invalidate", { strategy: "timestamp", unique_key: "id", updated_at: "updated_at", invalidate_hard_deletes: true }),
  snapshot("ts_new_record", { strategy: "timestamp", unique_key: "id", updated_at: "updated_at", hard_deletes: "new_record" }),
  snapshot("check_invalidate", { strategy: "check", unique_key: ["id"], check_cols: ["name"], hard_deletes: "invalidate" }),
  snapshot("check_all_new_record", { strategy: "check", unique_key: "id", check_cols: "all", hard_deletes: "new_record" }),
  snapshot("keyed_check", {
    strategy: "check",
    check_cols: "all",
    unique_key: ["id", "name"],
    hard_deletes: "invalidate",
    dbt_valid_to_current: "cast('9999-12-31' as timestamp)",
    snapshot_meta_column_names: { dbt_valid_from: "valid_from", dbt_valid_to: "valid_to", dbt_scd_id: "scd_id", dbt_updated_at: "changed_at" },
  }),
];

async function runSnapshots(specs: NodeSpec[], macros?: MacroPort): Promise<{ results: NodeResult[]; sent: string[]; debug: string[] }> {
  const { manifest, compiler, ids } = project(adapter, specs);
  if (macros) Object.assign(compiler, { macros });
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: "/", onEvent: (e) => events.push(e) });
  return {
    results: summary.results,
    sent: events.flatMap((e) => (e.kind === "node_sql" ? [e.sql] : [])),
    debug: events.flatMap((e) => (e.kind === "node_debug" ? [e.message] : [])),
  };
}

describe("snapshot histories on DuckDB", () => {
  const runStarts: string[] = [];
  const histories: Record<string, string[]>[] = [];
  const results: NodeResult[][] = [];

  const label = (value: unknown): string => {
    if (value === null || value === undefined) return "null";
    const text = String(value);
    if (text.startsWith("2024") || text.startsWith("9999")) return text.slice(0, 10);
    let run = 0;
    runStarts.forEach((start, i) => {
      if (text >= start) run = i + 1;
    });
    return `T${run}`;
  };

  async function history(name: string, meta = { from: "dbt_valid_from", to: "dbt_valid_to" }, deleted = false): Promise<string[]> {
    const found = await rows(
      adapter,
      `select id, name, cast(${meta.from} as varchar) as f, cast(${meta.to} as varchar) as t${deleted ? ", dbt_is_deleted as d" : ""} from main.${name} order by id, ${meta.from}, ${deleted ? "dbt_is_deleted, " : ""}name`,
    );
    return found.map((r) => `${r.id as number} ${r.name as string} ${label(r.f)}..${label(r.t)}${deleted ? ` ${r.d as string}` : ""}`);
  }

  beforeAll(async () => {
    ({ adapter, dispose } = await openDuckDb());
    await adapter.execute("create table people (id integer, name varchar, updated_at timestamp)");
    for (const state of STATES) {
      await adapter.execute(`delete from people; insert into people values ${state.join(", ")}`);
      runStarts.push(runStarts.length === 0 ? "0" : String((await rows(adapter, "select cast(cast(current_timestamp as timestamp) as varchar) as now"))[0]!.now));
      const run = await runSnapshots(SNAPSHOTS);
      results.push(run.results);
      histories.push({
        ts_ignore: await history("ts_ignore"),
        ts_invalidate: await history("ts_invalidate"),
        ts_new_record: await history("ts_new_record", undefined, true),
        check_invalidate: await history("check_invalidate"),
        check_all_new_record: await history("check_all_new_record", undefined, true),
        keyed_check: await history("keyed_check", { from: "valid_from", to: "valid_to" }),
      });
    }
  }, 60_000);
  afterAll(() => dispose());

  it("builds every snapshot each run, reporting the rows inserted after the first", () => {
    expect(results.map((run) => run.map((r) => r.status))).toEqual(STATES.map(() => SNAPSHOTS.map(() => "success")));
    expect(results[0]!.map((r) => r.message)).toEqual(SNAPSHOTS.map(() => "SNAPSHOT"));
    // run 2: ann2 and dee are new versions everywhere; the new_record snapshots also record bob's deletion; keyed_check's key (id, name) makes ann2 a new key
    const second = Object.fromEntries(results[1]!.map((r) => [r.unique_id.split(".").pop(), [r.message, r.adapter_response]]));
    const inserted = (n: number) => [`INSERT ${n}`, { _message: `INSERT ${n}`, code: "INSERT", rows_affected: n }];
    expect(second).toEqual({ ts_ignore: inserted(2), ts_invalidate: inserted(2), ts_new_record: inserted(3), check_invalidate: inserted(2), check_all_new_record: inserted(3), keyed_check: inserted(2) });
    expect(results[3]!.map((r) => r.message)).toEqual(SNAPSHOTS.map(() => "INSERT 0"));
  });

  expectSnapshotHistories(() => histories, { snapshot: "keyed_check", title: "" });

  it("gives every version its own scd id and records the change time in dbt_updated_at", async () => {
    const ids = await rows(adapter, "select count(distinct dbt_scd_id) as ids, count(*) as n, count(*) filter (where dbt_updated_at = dbt_valid_from) as same from ts_new_record");
    expect(ids).toEqual([{ ids: 7, n: 7, same: 7 }]);
    expect(await rows(adapter, "select column_name from information_schema.columns where table_name = 'keyed_check' order by ordinal_position")).toEqual(
      ["id", "name", "updated_at", "scd_id", "changed_at", "valid_from", "valid_to"].map((column_name) => ({ column_name })),
    );
  });

  it("leaves no staging table behind", async () => {
    expect(await rows(adapter, "select table_name from information_schema.tables where table_name like '%tsdbt%'")).toEqual([]);
  });
});

describe("a snapshot's statements, columns and errors", () => {
  beforeEach(async () => {
    ({ adapter, dispose } = await openDuckDb());
    await adapter.execute("create table people (id integer, name varchar, updated_at timestamp); insert into people values (1, 'ann', timestamp '2024-01-01')");
  });
  afterEach(() => dispose());
  const ts = (config: Record<string, unknown> = {}) => snapshot("snap", { strategy: "timestamp", unique_key: "id", updated_at: "updated_at", ...config });

  it("adds columns new in the source to the snapshot table, older versions holding null", async () => {
    await runSnapshots([ts()]);
    await adapter.execute("alter table people add column email varchar; update people set email = 'a@x', updated_at = timestamp '2024-05-01'");
    const { results, sent } = await runSnapshots([ts()]);
    expect(results[0]!.status).toBe("success");
    expect(sent).toContain('alter table "warehouse"."main"."snap" add column "email" VARCHAR');
    expect(await rows(adapter, "select id, email, cast(dbt_valid_from as varchar) as f from snap order by dbt_valid_from")).toEqual([
      { id: 1, email: null, f: "2024-01-01 00:00:00" },
      { id: 1, email: "a@x", f: "2024-05-01 00:00:00" },
    ]);
  });

  it("keeps the history and drops the staging table when a run fails", async () => {
    await runSnapshots([ts()]);
    await adapter.execute("update people set name = 'ann2', updated_at = timestamp '2024-02-01'");
    const { results } = await runSnapshots([ts({ "post-hook": ["select error('post-hook exploded')"] })]);
    expect([results[0]!.status, results[0]!.message]).toEqual(["error", expect.stringContaining("post-hook exploded")]);
    expect(await rows(adapter, "select name, dbt_valid_to from snap")).toEqual([{ name: "ann", dbt_valid_to: null }]);
    expect(await rows(adapter, "select table_name from information_schema.tables where table_name like '%tsdbt%'")).toEqual([]);
  });

  it("runs its hooks outside and inside the transaction, in order", async () => {
    await adapter.execute("create table audit (step varchar)");
    const hooks = {
      "pre-hook": [{ sql: "insert into audit values ('pre-outside')", transaction: false }, "insert into audit values ('pre-inside')"],
      "post-hook": [{ sql: "insert into audit values ('post-outside')", transaction: false }, "insert into audit values ('post-inside')"],
    };
    await runSnapshots([ts(hooks)]);
    await runSnapshots([ts(hooks)]);
    expect((await rows(adapter, "select step from audit order by rowid")).map((r) => r.step)).toEqual(["pre-outside", "pre-inside", "post-inside", "post-outside", "pre-outside", "pre-inside", "post-inside", "post-outside"]);
  });

  it("snapshots the model's SQL compiled for a full run, without trailing semicolons", async () => {
    const spec: NodeSpec = { ...ts(), sql: ({ isIncremental }) => (isIncremental ? "select 99 as id, 'x' as name, timestamp '2024-01-01' as updated_at" : "  select *, ';' as sep from people ;; \n") };
    expect((await runSnapshots([spec])).results[0]!.status).toBe("success");
    expect(await rows(adapter, "select id, name, sep from snap")).toEqual([{ id: 1, name: "ann", sep: ";" }]);
  });

  it("counts only inserted rows, even with a source column whose name contains 'insert'", async () => {
    await adapter.execute("create table events as select 1 as id, 'a' as inserted_at");
    const spec = snapshot("snap", { strategy: "check", unique_key: "id", check_cols: "all" });
    const sql = { ...spec, sql: "select * from events" };
    await runSnapshots([sql]);
    await adapter.execute("update events set inserted_at = 'b'");
    expect((await runSnapshots([sql])).results[0]!.message).toBe("INSERT 1");
  });

  it("compares only the listed check_cols", async () => {
    const spec = snapshot("snap", { strategy: "check", unique_key: "id", check_cols: ["name"] });
    await runSnapshots([spec]);
    await adapter.execute("update people set updated_at = timestamp '2024-06-01'");
    expect((await runSnapshots([spec])).results[0]!.message).toBe("INSERT 0");
    expect(await rows(adapter, "select count(*) as n from snap")).toEqual([{ n: 1 }]);
  });

  it("fails a custom strategy when no macros are available (TSDBT-E502)", async () => {
    const { results } = await runSnapshots([snapshot("snap", { strategy: "nightly", unique_key: "id" })]);
    expect(results[0]!.message).toContain("TSDBT-E502: Snapshot snap uses strategy 'nightly', and no macro snapshot_nightly_strategy defines it.");
  });

  it("fails a broken config with its first problem and hint, then the other problems", async () => {
    const { results, sent } = await runSnapshots([snapshot("snap", { strategy: "timestamp" })]);
    expect(results[0]!.message).toBe(
      "Runtime Error in snapshot snap (models/snap.sql)\n  models/snap.sql: TSDBT-E501: Snapshot snap has no unique_key.\n    hint: Set `unique_key` to the column (or list of columns) that identifies a row of the source.\n  models/snap.sql: error TSDBT-E503: Snapshot snap uses the timestamp strategy but has no updated_at.\n    hint: Set `updated_at` to the column that records when a row last changed.",
    );
    expect(sent).toEqual([]);
    const single = await runSnapshots([snapshot("snap", { strategy: "check", unique_key: "id" })]);
    expect(single.results[0]!.message).toBe(
      "Runtime Error in snapshot snap (models/snap.sql)\n  models/snap.sql: TSDBT-E504: Snapshot snap uses the check strategy but has no check_cols.\n    hint: Set `check_cols` to a list of columns, or to 'all'.",
    );
  });
});

describe("a snapshot through dbt's snapshot macros", () => {
  beforeEach(async () => ({ adapter, dispose } = await openDuckDb()));
  afterEach(() => dispose());

  /** Macros where `strategies` exist as snapshot_<name>_strategy and `overridden` are overridden; the snapshot macro's runs are recorded. */
  function macros(strategies: string[], overridden: string[]): MacroPort & { ran: string[] } {
    const ran: string[] = [];
    return {
      ran,
      materialization: () => null,
      runMaterialization: (_id, sql, _statements, _incremental, macroName) => {
        ran.push(`${macroName ?? "(own)"}: ${sql}`);
        return { relations: [], message: "SNAPSHOT MACRO", rowsAffected: null };
      },
      overrides: (_id, names) => names.filter((n) => overridden.includes(n)).map((n) => `macro.proj.${n}`),
      exists: (_id, name) => strategies.some((s) => name === `snapshot_${s}_strategy`),
      call: () => "",
    };
  }

  it("runs a custom strategy's snapshot through tsdbt_snapshot_materialization", async () => {
    const port = macros(["name_changed"], []);
    const { results, debug } = await runSnapshots([snapshot("snap", { strategy: "Name_Changed", unique_key: "id" })], port);
    expect([results[0]!.status, results[0]!.message]).toEqual(["success", "SNAPSHOT MACRO"]);
    expect(port.ran).toEqual(["tsdbt_snapshot_materialization: select * from people"]);
    expect(debug).toContain("snapshot.proj.snap: the snapshot's strategy 'name_changed' is the macro snapshot_name_changed_strategy; it runs through dbt's snapshot macros.");
  });

  it("runs through them when the project overrides one of dbt's snapshot macros, and natively otherwise", async () => {
    await adapter.execute("create table people as select 1 as id, timestamp '2024-01-01' as updated_at");
    const spec = snapshot("snap", { strategy: "timestamp", unique_key: "id", updated_at: "updated_at" });
    const overridden = macros([], ["snapshot_hash_arguments"]);
    const run = await runSnapshots([spec], overridden);
    expect(run.results[0]!.message).toBe("SNAPSHOT MACRO");
    expect(overridden.ran).toEqual(["tsdbt_snapshot_materialization: select * from people"]);
    expect(run.debug).toContain("snapshot.proj.snap: the snapshot renders the overriding macro(s) macro.proj.snapshot_hash_arguments and sends their SQL.");
    const plain = macros([], ["create_table_as"]);
    expect((await runSnapshots([spec], plain)).results[0]!.message).toBe("SNAPSHOT");
    expect(plain.ran).toEqual([]);
  });
});
