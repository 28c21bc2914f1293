/*
 * A project's `{% materialization %}` macro run by the runner: the macro is a script of statements
 * (a MacroPort stand-in) sent through the build's transaction. The transaction's connection is a
 * recorder with a synchronous path, as the CLI's worker gives one; the catalog is DuckDB's.
 */
import type { Adapter, QueryResult } from "@tsdbt/adapter-api";
import type { MaterializationOutcome } from "@tsdbt/core";
import { openDuckDb, project, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MacroPort, NodeResult, RunEvent } from "../types";
import { jinjaMaterialization } from "./jinja-materialization";

let duckdb: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter: duckdb, dispose } = await openDuckDb()));
afterEach(() => dispose());

/** A statement the warehouse refuses, with PostgreSQL's SQLSTATE for a syntax error. */
const refusal = (sql: string) => Object.assign(new Error(`syntax error at or near "${sql.split(" ")[0]}"`), { code: "42601" });

/** DuckDB's catalog, and transactions whose connection records statements (refusing those starting with `oops`). */
function recordingEngine(transactionalDdl: boolean): { adapter: Adapter; sent: string[] } {
  const sent: string[] = [];
  const executeSync = (sql: string): QueryResult => {
    sent.push(sql);
    if (sql.startsWith("oops")) throw refusal(sql);
    return { columns: [], rows: [], rowsAffected: null };
  };
  const adapter = Object.assign(Object.create(duckdb) as Adapter, {
    capabilities: { ...duckdb.capabilities, transactionalDdl },
    transaction: async <T>(fn: (tx: Pick<Adapter, "execute"> & { executeSync: typeof executeSync }) => Promise<T>) => {
      const result = await fn({ execute: async (sql: string) => executeSync(sql), executeSync });
      sent.push("<adapter commits>");
      return result;
    },
  });
  return { adapter, sent };
}

interface Macro {
  /** Statements the macro sends, `commit` for `adapter.commit()`. */
  statements?: string[];
  /** What it returns. */
  outcome?: Partial<MaterializationOutcome>;
  /** An error of its own after its statements. */
  fails?: Error;
  /** Catches a refused statement and throws its own error caused by it. */
  wrapsRefusals?: boolean;
}

/** A MacroPort whose every model has a Jinja materialization running `macro`; `calls` records what each run was given. */
function macroPort(macro: Macro): MacroPort & { calls: { sql: string; isIncremental: boolean; capture: boolean }[] } {
  const calls: { sql: string; isIncremental: boolean; capture: boolean }[] = [];
  return {
    calls,
    materialization: () => ({ macroId: "macro.proj.materialization_custom_default" }),
    runMaterialization(_id, sql, statements, isIncremental) {
      calls.push({ sql, isIncremental, capture: statements !== undefined });
      for (const statement of macro.statements ?? []) {
        if (statement === "commit") statements?.commitSync?.();
        else {
          try {
            statements?.executeSync(statement);
          } catch (error) {
            if (macro.wrapsRefusals) throw new Error("the macro failed", { cause: error });
            throw error;
          }
        }
      }
      if (macro.fails) throw macro.fails;
      return { relations: [], message: null, rowsAffected: null, ranMain: true, ...macro.outcome };
    },
    overrides: () => [],
    exists: () => false,
    call: () => "",
  };
}

async function run(macro: Macro, options: { config?: Record<string, unknown>; transactionalDdl?: boolean; fullRefresh?: boolean } = {}) {
  const { adapter, sent } = recordingEngine(options.transactionalDdl ?? true);
  const spec: NodeSpec = { name: "m", sql: ({ isIncremental }) => (isIncremental ? "select 'new rows'" : "select 'all rows'"), config: { materialized: "custom", ...options.config } };
  const { manifest, compiler, ids } = project(adapter, [spec]);
  const macros = macroPort(macro);
  Object.assign(compiler, { macros });
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: "/", fullRefresh: options.fullRefresh, onEvent: (e) => events.push(e) });
  const warnings = events.flatMap((e) => (e.kind === "node_debug" && e.level === "warn" ? [e.message] : []));
  return { result: summary.results[0]! as NodeResult, sent, calls: macros.calls, warnings };
}

describe("a Jinja materialization", () => {
  it("runs its statements in dbt's transactions: begun at the first statement, committed at adapter.commit()", async () => {
    const { result, sent, warnings } = await run({ statements: ["create table m__tmp as select 1", "alter table m__tmp rename to m", "commit"], outcome: { message: "CREATE 1", rowsAffected: 1 } });
    expect([result.status, result.message, result.adapter_response]).toEqual(["success", "CREATE 1", { _message: "CREATE 1", code: "CREATE", rows_affected: 1 }]);
    expect(sent).toEqual(["commit", "begin", "create table m__tmp as select 1", "alter table m__tmp rename to m", "commit", "begin", "<adapter commits>"]);
    expect(warnings).toEqual([]);
  });

  it("reports OK when the main statement's response has no message", async () => {
    const { result } = await run({ statements: ["create table m as select 1", "commit"] });
    expect([result.message, result.adapter_response]).toEqual(["OK", { _message: "OK", code: "OK", rows_affected: -1 }]);
  });

  it("fails the node, as dbt-core does, when the macro ran no statement('main')", async () => {
    const { result } = await run({ statements: ["create table m as select 1", "commit"], outcome: { ranMain: false } });
    expect(result.status).toBe("error");
    expect(result.message).toBe(
      "Runtime Error in model m (models/m.sql)\n  models/m.sql: TSDBT-E412: main is not being called during running model\n    hint: Run the model's SQL in the materialization 'custom' with {% call statement('main') %}…{% endcall %}.",
    );
  });

  it("rolls back what the macro did not commit, and warns naming the first statement", async () => {
    const one = await run({ statements: ["create table m as select 1", "commit", "insert   into m\nvalues (2), (3)"] });
    expect(one.result.status).toBe("success");
    expect(one.sent.slice(-3)).toEqual(["rollback", "begin", "<adapter commits>"]);
    expect(one.warnings).toEqual([
      "model.proj.m: the materialization 'custom' did not commit its last statement (insert into m values…); they were rolled back, as dbt does. Call {{ adapter.commit() }} after them.",
    ]);
    const two = await run({ statements: ["create table m as select 1", "grant select on m to reporter"] });
    expect(two.warnings).toEqual([expect.stringContaining("did not commit its last 2 statements (create table m as…)")]);
  });

  it("names the uncommitted statement by its first words, whatever whitespace the template put before it", async () => {
    const { warnings } = await run({ statements: ["create table m as select 1", "commit", "\n    insert into m values (2)"] });
    expect(warnings).toEqual([expect.stringContaining("did not commit its last statement (insert into m values…)")]);
  });

  it("leaves a transaction open for the adapter's rollback when the macro fails after committing", async () => {
    const { result, sent } = await run({ statements: ["create table m as select 1", "commit"], fails: new Error("'target_relation' is undefined") });
    expect(result.status).toBe("error");
    expect(sent).toEqual(["commit", "begin", "create table m as select 1", "commit", "begin"]);
  });

  it("reports an error whose causes loop as the macro's own", async () => {
    const looping = new Error("the macro failed");
    Object.assign(looping, { cause: looping });
    const { result } = await run({ statements: ["create table m as select 1"], fails: looping });
    expect(result.message).toBe("Compilation Error in model m (models/m.sql)\n  the macro failed");
  });

  it("fails with TSDBT-E412 when the macro does not return its relations", async () => {
    const { result } = await run({ statements: ["create table m as select 1", "commit"], outcome: { relations: null } });
    expect(result.status).toBe("error");
    expect(result.message).toBe(
      "Runtime Error in model m (models/m.sql)\n  models/m.sql: TSDBT-E412: The materialization 'custom' of m did not return the relations it built; its statements were rolled back where the warehouse has transactional DDL.\n    hint: End the materialization with {{ return({'relations': [target_relation]}) }}.",
    );
  });

  it("tells the macro's own errors (Compilation Error) from the warehouse's (Database Error), and leaves a transaction for the rollback", async () => {
    const own = await run({ statements: ["create table m as select 1"], fails: new Error("'target_relation' is undefined") });
    expect(own.result.message).toBe("Compilation Error in model m (models/m.sql)\n  'target_relation' is undefined");
    const refused = await run({ statements: ["create table m as select 1", "commit", "oops select"] });
    expect(refused.result.message).toBe('Database Error in model m (models/m.sql)\n  syntax error at or near "oops"');
    expect(refused.sent.slice(-2)).toEqual(["begin", "oops select"]);
    // the macro wrapped the warehouse's error in its own: still the warehouse's
    const wrapped = await run({ statements: ["oops select"], wrapsRefusals: true });
    expect(wrapped.result.message).toBe("Database Error in model m (models/m.sql)\n  the macro failed");
    // an error that only looks like the warehouse's is the macro's
    const lookalike = await run({ statements: ["create table m as select 1"], fails: Object.assign(new Error("the macro failed"), { cause: refusal("oops") }) });
    expect(lookalike.result.message).toBe("Compilation Error in model m (models/m.sql)\n  the macro failed");
  });

  it("runs without dbt's transactions where DDL is not transactional", async () => {
    const { result, sent, calls } = await run({ statements: ["create table m as select 1"] }, { transactionalDdl: false });
    expect(result.status).toBe("success");
    expect(sent).toEqual([]);
    expect(calls).toEqual([{ sql: "select 'all rows'", isIncremental: false, capture: false }]);
  });
});

describe("is_incremental() in a Jinja materialization", () => {
  const incremental = { materialized: "incremental" };

  it("is true for an incremental model whose table exists, and the model compiles for it", async () => {
    await duckdb.execute("create table m as select 1 as v");
    expect((await run({}, { config: incremental })).calls).toEqual([{ sql: "select 'new rows'", isIncremental: true, capture: true }]);
  });

  it("is false when the model is not incremental, its relation is a view or missing, or it is fully refreshed", async () => {
    expect((await run({}, { config: incremental })).calls[0]!.isIncremental).toBe(false);
    await duckdb.execute("create view m as select 1 as v");
    expect((await run({}, { config: incremental })).calls[0]!.isIncremental).toBe(false);
    await duckdb.execute("drop view m; create table m as select 1 as v");
    expect((await run({})).calls[0]!.isIncremental).toBe(false);
    expect((await run({}, { config: incremental, fullRefresh: true })).calls[0]).toEqual({ sql: "select 'all rows'", isIncremental: false, capture: true });
    expect((await run({}, { config: { ...incremental, full_refresh: true } })).calls[0]!.isIncremental).toBe(false);
  });

  it("follows the model's full_refresh: false over --full-refresh", async () => {
    await duckdb.execute("create table m as select 1 as v");
    expect((await run({}, { config: { ...incremental, full_refresh: false }, fullRefresh: true })).calls[0]!.isIncremental).toBe(true);
  });
});

describe("jinjaMaterialization without macros", () => {
  it("refuses to run", async () => {
    const context = { node: { config: {} }, adapter: duckdb } as unknown as Parameters<typeof jinjaMaterialization>[0];
    await expect(jinjaMaterialization(context)).rejects.toThrow("A Jinja materialization needs a compiler that renders macros.");
  });
});
