/*
 * How a table or view is swapped in, statement by statement, on DuckDB seen through the
 * capabilities of other engines (the same connection, other flags): what the run log shows and
 * what is left in the warehouse.
 */
import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { NodeResult, RunEvent, SyncStatements } from "../types";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dispose } = await openDuckDb()));
afterEach(() => dispose());

type Capabilities = Partial<Adapter["capabilities"]>;

/** DuckDB with other capability flags and, optionally, a statement that fails when sent. */
function engine(capabilities: Capabilities, failOn?: RegExp): Adapter {
  const failing = (execute: Adapter["execute"]): Adapter["execute"] => async (sql, options) => {
    if (failOn?.test(sql)) throw new Error(`refused: ${sql}`);
    return execute(sql, options);
  };
  return Object.assign(Object.create(adapter) as Adapter, {
    capabilities: { ...adapter.capabilities, ...capabilities },
    execute: failing(adapter.execute.bind(adapter)),
    transaction: <T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>) => adapter.transaction((tx) => fn({ execute: failing(tx.execute.bind(tx)) })),
  });
}

/** Runs one model; its result, the statements of its build as the run log shows them, and its warnings. */
async function build(spec: NodeSpec, capabilities: Capabilities = {}, failOn?: RegExp): Promise<{ result: NodeResult; sent: string[]; warnings: string[] }> {
  const { manifest, compiler, ids } = project(adapter, [spec]);
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter: engine(capabilities, failOn), selected: ids, threads: 1, projectDir: "/", onEvent: (e) => events.push(e) });
  const sent = events.flatMap((e) => (e.kind === "node_sql" ? [e.sql.replace(/\s+/g, " ")] : []));
  const warnings = events.flatMap((e) => (e.kind === "node_debug" && e.level === "warn" ? [e.message] : []));
  return { result: summary.results[0]!, sent, warnings };
}

const table = (sql = "select 1 as v", config: Record<string, unknown> = {}): NodeSpec => ({ name: "m", sql, config: { materialized: "table", ...config } });
const view = (sql = "select 1 as v", config: Record<string, unknown> = {}): NodeSpec => ({ name: "m", sql, config: { materialized: "view", ...config } });
const M = '"warehouse"."main"."m"';
const TMP = '"warehouse"."main"."m__tsdbt_tmp"';
const BACKUP = '"warehouse"."main"."m__tsdbt_backup"';
const relations = () => rows(adapter, "select table_name, table_type from information_schema.tables where table_schema = 'main' order by 1");

describe("replacing a relation on an engine with transactional DDL (DuckDB)", () => {
  it("creates the table in place the first time and replaces it in place after, reporting CREATE TABLE", async () => {
    const first = await build(table());
    expect(first.sent).toEqual([`create table ${M} as ( select 1 as v )`]);
    expect([first.result.message, first.result.adapter_response]).toEqual(["CREATE TABLE", { _message: "CREATE TABLE", code: "CREATE TABLE", rows_affected: -1 }]);
    const second = await build(table("select 2 as v"));
    expect(second.sent).toEqual([`create or replace table ${M} as ( select 2 as v )`]);
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 2 }]);
  });

  it("creates a view in place and reports CREATE VIEW", async () => {
    const { result, sent } = await build(view());
    expect(sent).toEqual([`create view ${M} as ( select 1 as v )`]);
    expect([result.message, result.adapter_response]).toEqual(["CREATE VIEW", { _message: "CREATE VIEW", code: "CREATE VIEW", rows_affected: -1 }]);
  });

  it("swaps a table for a view under a temp name and drops the old table", async () => {
    await build(table());
    const { sent, warnings } = await build(view("select 3 as v"));
    // no view read the old table: nothing to recreate, nothing to warn about
    expect(warnings).toEqual([]);
    expect(sent).toEqual([
      `create view ${TMP} as ( select 3 as v )`,
      `alter table ${M} rename to "m__tsdbt_backup"`,
      `alter view ${TMP} rename to "m"`,
      `drop table if exists ${BACKUP} cascade`,
    ]);
    expect(await relations()).toEqual([{ table_name: "m", table_type: "VIEW" }]);
  });

  it("swaps a relation of the same kind when the engine has no create or replace", async () => {
    await build(view(), { createOrReplace: false });
    const { sent } = await build(view("select 2 as v"), { createOrReplace: false });
    expect(sent).toEqual([
      `create view ${TMP} as ( select 2 as v )`,
      `alter view ${M} rename to "m__tsdbt_backup"`,
      `alter view ${TMP} rename to "m"`,
      `drop view if exists ${BACKUP} cascade`,
    ]);
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 2 }]);
  });

  it("compiles a table or view with is_incremental() false", async () => {
    const sql = ({ isIncremental }: { isIncremental: boolean }) => `select '${isIncremental ? "incremental" : "full"}' as run`;
    await build({ name: "m", sql, config: { materialized: "table" } });
    expect(await rows(adapter, "select run from m")).toEqual([{ run: "full" }]);
    await build({ name: "m", sql, config: { materialized: "view" } });
    expect(await rows(adapter, "select run from m")).toEqual([{ run: "full" }]);
  });
});

describe("replacing a relation on an engine without transactional DDL", () => {
  const noTransactions: Capabilities = { transactionalDdl: false };

  it("builds under a temp name and renames it in, even the first time", async () => {
    const first = await build(table(), noTransactions);
    expect(first.sent).toEqual([`create table ${TMP} as ( select 1 as v )`, `alter table ${TMP} rename to "m"`]);
    const second = await build(table("select 2 as v"), noTransactions);
    expect(second.warnings).toEqual([]);
    expect(second.sent).toEqual([
      `create table ${TMP} as ( select 2 as v )`,
      `alter table ${M} rename to "m__tsdbt_backup"`,
      `alter table ${TMP} rename to "m"`,
      `drop table if exists ${BACKUP} cascade`,
    ]);
    expect(await relations()).toEqual([{ table_name: "m", table_type: "BASE TABLE" }]);
  });

  it("drops the temp relation when the swap fails after creating it, and keeps the old table", async () => {
    await build(table(), noTransactions);
    const { result } = await build(table("select 2 as v"), noTransactions, /rename to "m__tsdbt_backup"/);
    expect(result.status).toBe("error");
    expect(result.message).toContain('refused: alter table "warehouse"."main"."m" rename to "m__tsdbt_backup"');
    expect(await relations()).toEqual([{ table_name: "m", table_type: "BASE TABLE" }]);
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 1 }]);
  });

  it("drops and creates in place where the engine cannot rename", async () => {
    const capabilities = { ...noTransactions, renameRelation: false };
    const first = await build(view(), capabilities);
    expect(first.sent).toEqual([`create view ${M} as ( select 1 as v )`]);
    const second = await build(table("select 2 as v"), capabilities);
    expect(second.sent).toEqual([`drop view if exists ${M} cascade`, `create table ${M} as ( select 2 as v )`]);
    expect(second.warnings).toEqual([]);
    expect(await relations()).toEqual([{ table_name: "m", table_type: "BASE TABLE" }]);
  });

  it("replaces a relation of the same kind with one statement where create or replace is atomic", async () => {
    const atomic = { ...noTransactions, atomicReplace: true };
    expect((await build(table(), atomic)).sent).toEqual([`create table ${M} as ( select 1 as v )`]);
    expect((await build(table("select 2 as v"), atomic)).sent).toEqual([`create or replace table ${M} as ( select 2 as v )`]);
    // another kind of relation in the way is swapped, as without atomic replacement
    expect((await build(view("select 3 as v"), atomic)).sent).toEqual([
      `create view ${TMP} as ( select 3 as v )`,
      `alter table ${M} rename to "m__tsdbt_backup"`,
      `alter view ${TMP} rename to "m"`,
      `drop table if exists ${BACKUP} cascade`,
    ]);
    // atomic replacement needs create or replace
    expect((await build(view("select 4 as v"), { ...atomic, createOrReplace: false })).sent[0]).toBe(`create view ${TMP} as ( select 4 as v )`);
    expect(await rows(adapter, "select v from m")).toEqual([{ v: 4 }]);
  });
});

describe("hooks around a replaced relation", () => {
  it("sends no statement for a hook that renders to blank, and runs hooks without a transaction flag inside it", async () => {
    await adapter.execute("create table audit (step varchar)");
    const { sent } = await build(
      table("select 1 as v", {
        "pre-hook": [{ sql: "  " }, { sql: "insert into audit values ('pre')" }],
        "post-hook": [{ sql: "insert into audit values ('post-outside')", transaction: false }, { sql: "insert into audit values ('post')" }],
      }),
    );
    expect(sent).toEqual([
      "insert into audit values ('pre')",
      `create table ${M} as ( select 1 as v )`,
      "insert into audit values ('post')",
      "insert into audit values ('post-outside')",
    ]);
  });
});

describe("a hook's own queries (run_query)", () => {
  it("go through the transaction's connection for hooks inside it, and through no connection of the build for hooks outside it", async () => {
    const onConnection: string[] = [];
    // a transaction whose connection has a synchronous path, as the CLI's worker gives one
    const worker = Object.assign(Object.create(adapter) as Adapter, {
      transaction: <T>(fn: (tx: Pick<Adapter, "execute"> & SyncStatements) => Promise<T>) =>
        adapter.transaction((tx) =>
          fn({
            execute: tx.execute.bind(tx),
            executeSync: (sql: string) => {
              onConnection.push(sql);
              return { columns: [], rows: [], rowsAffected: null };
            },
          }),
        ),
    });
    const spec = table("select 1 as v", {
      "pre-hook": [{ sql: "select 'pre outside'", transaction: false }, { sql: "select 'pre inside'" }],
      "post-hook": [{ sql: "select 'post inside'" }, { sql: "select 'post outside'", transaction: false }],
    });
    const { manifest, compiler, ids } = project(worker, [spec]);
    // a hook that calls run_query: its query goes to the connection it is given
    const renderHook = compiler.renderHook.bind(compiler);
    Object.assign(compiler, {
      renderHook: (sql: string, id: string | null, extra?: Record<string, unknown>, statements?: SyncStatements) => {
        statements?.executeSync(`run_query of ${sql}`);
        return renderHook(sql, id, extra);
      },
    });
    const summary = await runNodes({ manifest, compiler, adapter: worker, selected: ids, threads: 1, projectDir: "/" });
    expect(summary.results.map((r) => [r.status, r.message])).toEqual([["success", "CREATE TABLE"]]);
    expect(onConnection).toEqual(["run_query of select 'pre inside'", "run_query of select 'post inside'"]);
  });
});
