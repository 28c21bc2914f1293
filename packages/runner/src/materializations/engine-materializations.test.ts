/*
 * The materializations only some engines have — Snowflake's dynamic tables, BigQuery's
 * materialized views and copy jobs — run through the real dialects and capabilities against a
 * warehouse that records statements and answers catalog calls from a scripted state: the
 * statements sent, the result message, warnings and errors. On DuckDB they fail with TSDBT-E401.
 */
import type { Adapter, Capabilities, QueryResult, RelationRef, SqlDialect } from "@tsdbt/adapter-api";
import { bigqueryCapabilities, bigqueryDialect } from "@tsdbt/adapter-bigquery";
import { SNOWFLAKE_CAPABILITIES, snowflakeDialect } from "@tsdbt/adapter-snowflake";
import { openDuckDb, project, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MacroPort, NodeResult, RunEvent } from "../types";

interface Warehouse {
  type: string;
  dialect: SqlDialect;
  capabilities: Capabilities;
  database: string;
  /** Relations the catalog lists. */
  existing?: RelationRef[];
  /** Rows `show dynamic tables` answers. */
  dynamic?: Record<string, unknown>[];
  /** Rows `show grants` answers. */
  grants?: Record<string, unknown>[];
  copyJobs?: boolean;
}

/** A recording warehouse; copy jobs are recorded as `-- copy …` lines. */
function recorder(warehouse: Warehouse): { adapter: Adapter; sent: string[] } {
  const sent: string[] = [];
  const answer = async (sql: string): Promise<QueryResult> => {
    sent.push(sql.replace(/\s+/g, " "));
    if (/^show dynamic tables /.test(sql)) return { columns: [], rows: warehouse.dynamic ?? [] };
    if (/^show grants on /.test(sql)) return { columns: [], rows: warehouse.grants ?? [] };
    return { columns: [], rows: [], rowsAffected: null };
  };
  const adapter: Adapter = {
    type: warehouse.type,
    dialect: warehouse.dialect,
    capabilities: warehouse.capabilities,
    defaultDatabase: warehouse.database,
    defaultSchema: "analytics",
    open: async () => undefined,
    execute: answer,
    transaction: async (fn) => fn({ execute: answer }),
    listRelations: async () => warehouse.existing ?? [],
    getColumns: async () => [],
    listSchemas: async () => ["analytics"],
    cancel: async () => undefined,
    close: async () => undefined,
    ...(warehouse.copyJobs
      ? {
          copyTables: async (sources: RelationRef[], destination: RelationRef, mode: "replace" | "append") => {
            sent.push(`-- copy ${mode}: ${sources.map((s) => s.identifier).join(", ")} -> ${destination.identifier}`);
          },
        }
      : {}),
  };
  return { adapter, sent };
}

/** Builds the last of `specs` (the others are only in the manifest), with the project's `macros` when given. */
async function run(
  warehouse: Warehouse,
  specs: NodeSpec[],
  fullRefresh = false,
  macros?: MacroPort,
): Promise<{ result: NodeResult; sent: string[]; warnings: string[]; debug: string[] }> {
  const { adapter, sent } = recorder(warehouse);
  const withSchema = specs.map((s) => ({ ...s, config: { schema: "analytics", ...s.config } }));
  const { manifest, compiler, ids } = project(adapter, withSchema);
  if (macros) Object.assign(compiler, { macros });
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids.slice(-1), threads: 1, projectDir: "/", fullRefresh, onEvent: (e) => events.push(e) });
  const notes = (level: "debug" | "warn") => events.flatMap((e) => (e.kind === "node_debug" && e.level === level ? [e.message] : []));
  return { result: summary.results[summary.results.length - 1]!, sent, warnings: notes("warn"), debug: notes("debug") };
}

/** Hooks before and after the build, outside (`transaction: false`) and inside; each selects its own name. */
const HOOKS = {
  "pre-hook": [{ sql: "select 'pre outside'", transaction: false }, { sql: "select 'pre inside'" }],
  "post-hook": [{ sql: "select 'post outside'", transaction: false }, { sql: "select 'post inside'" }],
};

/** Model SQL that tells whether it was compiled with is_incremental() true. */
const flagged = ({ isIncremental }: { isIncremental: boolean }) => `select ${isIncremental ? "'incremental'" : "'full'"} as run`;

describe("dynamic tables (Snowflake)", () => {
  const snowflake = (existing: RelationRef[] = [], dynamic: Record<string, unknown>[] = [], grants: Record<string, unknown>[] = []): Warehouse => ({
    type: "snowflake",
    dialect: snowflakeDialect,
    capabilities: SNOWFLAKE_CAPABILITIES,
    database: "WAREHOUSE",
    existing,
    dynamic,
    grants,
  });
  const DYN = '"WAREHOUSE"."analytics"."dyn"';
  const table = (type: RelationRef["type"] = "table"): RelationRef => ({ database: "WAREHOUSE", schema: "analytics", identifier: "dyn", type });
  const settings = { name: "dyn", target_lag: "5 minutes", warehouse: "TRANSFORMING", refresh_mode: "INCREMENTAL" };
  const dyn = (config: Record<string, unknown> = {}): NodeSpec => ({ name: "dyn", sql: "select 1 as id", config: { materialized: "dynamic_table", target_lag: "5 minutes", snowflake_warehouse: "transforming", ...config } });
  const CREATE = `create or replace dynamic table ${DYN} target_lag = '5 minutes' warehouse = transforming as ( select 1 as id )`;
  const SHOW = `show dynamic tables like 'dyn' in schema "WAREHOUSE"."analytics"`;

  it("creates a missing one, and grants on it without reading grants", async () => {
    const { result, sent } = await run(snowflake(), [dyn({ grants: { select: ["reporter"] } })]);
    expect([result.status, result.message]).toEqual(["success", "CREATE DYNAMIC TABLE"]);
    expect(sent).toEqual([CREATE, `grant select on table ${DYN} to reporter`]);
  });

  it("refreshes one whose settings match, case and spacing aside, and reconciles its grants", async () => {
    const { result, sent } = await run(snowflake([table()], [{ ...settings, target_lag: "5  MINUTES" }], []), [dyn({ refresh_mode: "incremental", grants: { select: ["reporter"] } })]);
    expect([result.status, result.message]).toEqual(["success", "REFRESH DYNAMIC TABLE"]);
    expect(sent).toEqual([SHOW, `alter dynamic table ${DYN} refresh`, `show grants on table ${DYN}`, `grant select on table ${DYN} to reporter`]);
  });

  it("alters a changed lag in place, and creates it again for a changed refresh mode", async () => {
    const lag = await run(snowflake([table()], [settings]), [dyn({ target_lag: "1 hour" })]);
    expect([lag.result.message, lag.sent]).toEqual(["ALTER DYNAMIC TABLE", [SHOW, `alter dynamic table ${DYN} set target_lag = '1 hour'`]]);
    const mode = await run(snowflake([table()], [settings]), [dyn({ refresh_mode: "full" })]);
    expect([mode.result.message, mode.sent]).toEqual(["CREATE DYNAMIC TABLE", [SHOW, CREATE.replace(" as (", " refresh_mode = FULL as (")]]);
  });

  it("keeps changed settings with a warning under on_configuration_change: continue, and fails under fail (TSDBT-E413)", async () => {
    const kept = await run(snowflake([table()], [settings]), [dyn({ target_lag: "1 hour", on_configuration_change: "Continue" })]);
    expect([kept.result.status, kept.result.message, kept.sent]).toEqual(["success", "SKIP", [SHOW]]);
    expect(kept.warnings).toEqual([`model.proj.dyn: dynamic table ${DYN} keeps its settings (target_lag differ from the config) because on_configuration_change is 'continue'.`]);
    const failed = await run(snowflake([table()], [settings]), [dyn({ target_lag: "1 hour", snowflake_warehouse: "other", on_configuration_change: "FAIL" })]);
    expect(failed.result.message).toBe(
      `Runtime Error in model dyn (models/dyn.sql)\n  models/dyn.sql: TSDBT-E413: Dynamic table ${DYN} has other settings than model dyn asks for (target_lag, warehouse), and on_configuration_change is 'fail'.\n    hint: Apply the change with on_configuration_change: apply, or rebuild with --full-refresh.`,
    );
  });

  it("runs the hooks outside and inside in order around its work, compiling with is_incremental() false", async () => {
    const { result, sent } = await run(snowflake(), [{ ...dyn({ ...HOOKS, grants: { select: ["reporter"] } }), sql: flagged }]);
    expect(result.status).toBe("success");
    expect(sent).toEqual([
      "select 'pre outside'",
      "select 'pre inside'",
      `create or replace dynamic table ${DYN} target_lag = '5 minutes' warehouse = transforming as ( select 'full' as run )`,
      "select 'post inside'",
      `grant select on table ${DYN} to reporter`,
      "select 'post outside'",
    ]);
  });

  it("reads a setting with blanks around it as the same setting", async () => {
    const { result, sent } = await run(snowflake([table()], [settings]), [dyn({ target_lag: " 5 minutes ", refresh_mode: "incremental" })]);
    expect([result.message, sent]).toEqual(["REFRESH DYNAMIC TABLE", [SHOW, `alter dynamic table ${DYN} refresh`]]);
  });

  it("names every setting that differs when on_configuration_change is continue", async () => {
    const kept = await run(snowflake([table()], [settings]), [dyn({ target_lag: "1 hour", snowflake_warehouse: "other", on_configuration_change: "continue" })]);
    expect(kept.warnings).toEqual([`model.proj.dyn: dynamic table ${DYN} keeps its settings (target_lag, warehouse differ from the config) because on_configuration_change is 'continue'.`]);
  });

  it("says in the debug log when the grants are already in place, and sends no grant", async () => {
    const held = [{ privilege: "OWNERSHIP", granted_to: "ROLE", grantee_name: "TRANSFORMER" }, { privilege: "SELECT", granted_to: "ROLE", grantee_name: "REPORTER" }];
    const same = await run(snowflake([table()], [{ ...settings, refresh_mode: "AUTO" }], held), [dyn({ grants: { select: ["reporter"] } })]);
    expect(same.sent).toEqual([SHOW, `alter dynamic table ${DYN} refresh`, `show grants on table ${DYN}`]);
    expect(same.debug).toContain(`model.proj.dyn: every grant on ${DYN} is in place; nothing to grant or revoke.`);
    const more = await run(snowflake([table()], [{ ...settings, refresh_mode: "AUTO" }], held), [dyn({ grants: { select: ["reporter", "analyst"] } })]);
    expect(more.sent.slice(-1)).toEqual([`grant select on table ${DYN} to analyst`]);
    expect(more.debug.filter((d) => /every grant/.test(d))).toEqual([]);
    const fewer = await run(snowflake([table()], [{ ...settings, refresh_mode: "AUTO" }], held), [dyn({ grants: { insert: ["reporter"] } })]);
    expect(fewer.sent.slice(-2)).toEqual([`revoke SELECT on table ${DYN} from role "REPORTER"`, `grant insert on table ${DYN} to reporter`]);
    expect(fewer.debug.filter((d) => /every grant/.test(d))).toEqual([]);
  });

  it("with copy_grants, reconciles the grants of a dynamic table it creates again, but not of a new one or one replacing a plain table", async () => {
    const config = { copy_grants: true, grants: { select: ["reporter"] } };
    const again = await run(snowflake([table()], [settings], []), [dyn(config)], true);
    expect(again.sent.slice(2)).toEqual([`show grants on table ${DYN}`, `grant select on table ${DYN} to reporter`]);
    const first = await run(snowflake(), [dyn(config)]);
    expect(first.sent.slice(1)).toEqual([`grant select on table ${DYN} to reporter`]);
    const overPlain = await run(snowflake([table()], []), [dyn(config)]);
    expect(overPlain.sent.slice(3)).toEqual([`grant select on table ${DYN} to reporter`]);
  });

  it("hands the grants to the project's apply_grants when it overrides a grant macro", async () => {
    const calls: string[] = [];
    const macros: MacroPort = {
      materialization: () => null,
      runMaterialization: () => ({ relations: [], message: null, rowsAffected: null }),
      overrides: (_id, names) => (names.includes("get_grant_sql") ? ["macro.proj.get_grant_sql"] : []),
      exists: () => true,
      call: (_id, name, args) => {
        calls.push(`${name}(${JSON.stringify(args)})`);
        return "";
      },
    };
    const refreshed = await run(snowflake([table()], [{ ...settings, refresh_mode: "AUTO" }]), [dyn({ grants: { select: ["reporter", "analyst"] } })], false, macros);
    expect(refreshed.sent).toEqual([SHOW, `alter dynamic table ${DYN} refresh`]);
    const relation = { kind: "relation", ref: { database: "WAREHOUSE", schema: "analytics", identifier: "dyn", type: "table" } };
    const config = { kind: "dict", entries: { select: ["reporter", "analyst"] } };
    expect(calls).toEqual([`apply_grants(${JSON.stringify([relation, config, true])})`]);
    expect(refreshed.debug).toContain("model.proj.dyn: grants renders the overriding macro(s) macro.proj.get_grant_sql and sends their SQL.");
    calls.length = 0;
    await run(snowflake(), [dyn({ grants: { select: ["reporter"] } })], false, macros);
    expect(calls).toEqual([`apply_grants(${JSON.stringify([relation, { kind: "dict", entries: { select: ["reporter"] } }, false])})`]);
  });

  it("creates it again on --full-refresh, and drops a plain table or a view in the way first", async () => {
    const refreshed = await run(snowflake([table()], [settings]), [dyn()], true);
    expect([refreshed.result.message, refreshed.sent]).toEqual(["CREATE DYNAMIC TABLE", [SHOW, CREATE]]);
    const plain = await run(snowflake([table()], []), [dyn()]);
    expect(plain.sent).toEqual([SHOW, `drop table if exists ${DYN} cascade`, CREATE]);
    const view = await run(snowflake([table("view")]), [dyn()]);
    expect(view.sent).toEqual([`drop view if exists ${DYN} cascade`, CREATE]);
  });
});

describe("tables and views (Snowflake)", () => {
  const warehouse: Warehouse = { type: "snowflake", dialect: snowflakeDialect, capabilities: SNOWFLAKE_CAPABILITIES, database: "WAREHOUSE" };
  const clustered = { cluster_by: ["id"], automatic_clustering: true };

  it("resumes reclustering of a clustered table, but sends no such statement for a view with the same config", async () => {
    const table = await run(warehouse, [{ name: "m", sql: "select 1 as id", config: { materialized: "table", ...clustered } }]);
    expect(table.sent.slice(-1)).toEqual(['alter table "WAREHOUSE"."analytics"."m" resume recluster']);
    const view = await run(warehouse, [{ name: "m", sql: "select 1 as id", config: { materialized: "view", ...clustered } }]);
    expect([view.result.status, view.sent.filter((s) => /recluster/.test(s))]).toEqual(["success", []]);
  });
});

describe("materialized views and copy jobs (BigQuery)", () => {
  const bigquery = (existing: RelationRef[] = []): Warehouse => ({ type: "bigquery", dialect: bigqueryDialect, capabilities: bigqueryCapabilities, database: "proj", existing, copyJobs: true });
  const at = (identifier: string, type: RelationRef["type"]): RelationRef => ({ database: "proj", schema: "analytics", identifier, type });
  const mv: NodeSpec = { name: "m", sql: "select 1 as id", config: { materialized: "materialized_view" } };

  it("creates a materialized view, dropping a table in the way but not a materialized view", async () => {
    const over = await run(bigquery([at("m", "table")]), [mv]);
    expect([over.result.status, over.result.message]).toEqual(["success", "CREATE MATERIALIZED VIEW"]);
    expect(over.sent).toEqual(["drop table if exists `proj`.`analytics`.`m`", "create or replace materialized view `proj`.`analytics`.`m` as ( select 1 as id )"]);
    const again = await run(bigquery([at("m", "materialized_view")]), [mv]);
    expect(again.sent).toEqual(["create or replace materialized view `proj`.`analytics`.`m` as ( select 1 as id )"]);
  });

  it("runs a materialized view's hooks in order, compiles it with is_incremental() false, and keeps its description with persist_docs", async () => {
    const { sent } = await run(bigquery(), [{ ...mv, sql: flagged, description: "Daily totals", config: { ...mv.config, ...HOOKS, persist_docs: { relation: true } } }]);
    expect(sent).toEqual([
      "select 'pre outside'",
      "select 'pre inside'",
      "create or replace materialized view `proj`.`analytics`.`m` options(description='Daily totals') as ( select 'full' as run )",
      "select 'post inside'",
      "select 'post outside'",
    ]);
  });

  const sources: NodeSpec[] = [
    { name: "orders_2024", sql: "select 1 as id", config: { materialized: "table" } },
    { name: "people", resourceType: "seed", file: "people.csv" },
  ];
  const copy = (config: Record<string, unknown> = {}): NodeSpec => ({ name: "m", sql: "", dependsOn: ["model.proj.orders_2024", "seed.proj.people"], config: { materialized: "copy", ...config } });

  it("copies the tables the model refs with one job, replacing or (copy_materialization: incremental) appending", async () => {
    const replaced = await run(bigquery([at("m", "view")]), [...sources, copy()]);
    expect([replaced.result.status, replaced.result.message]).toEqual(["success", "COPY"]);
    expect(replaced.sent).toEqual(["drop view if exists `proj`.`analytics`.`m`", "-- copy replace: orders_2024, people -> m"]);
    const appended = await run(bigquery([at("m", "table")]), [...sources, copy({ copy_materialization: "Incremental" })]);
    expect(appended.sent).toEqual(["-- copy append: orders_2024, people -> m"]);
  });

  it("runs a copy model's hooks in order and compiles it (for compiled_code) with is_incremental() false", async () => {
    const { result, sent } = await run(bigquery([at("m", "table")]), [...sources, { ...copy(HOOKS), sql: flagged }]);
    expect(result.compiled_code).toBe("select 'full' as run");
    expect(sent).toEqual(["select 'pre outside'", "select 'pre inside'", "-- copy replace: orders_2024, people -> m", "select 'post inside'", "select 'post outside'"]);
  });

  it("copies a source whose name ends in model or seed once, after the refs", async () => {
    const { adapter, sent } = recorder(bigquery());
    const specs: NodeSpec[] = [...sources, { ...copy(), dependsOn: ["source.proj.raw_seed.events", "model.proj.orders_2024"], config: { materialized: "copy", schema: "analytics" } }];
    const { manifest, compiler, ids } = project(adapter, specs.map((s) => ({ ...s, config: { schema: "analytics", ...s.config } })));
    const relationOf = compiler.relationOf.bind(compiler);
    Object.assign(compiler, { relationOf: (id: string) => (id.startsWith("source.") ? { database: "proj", schema: "raw", identifier: "events" } : relationOf(id)) });
    const summary = await runNodes({ manifest, compiler, adapter, selected: ids.slice(-1), threads: 1, projectDir: "/" });
    expect(summary.results.map((r) => r.status)).toEqual(["success"]);
    expect(sent).toEqual(["-- copy replace: orders_2024, events -> m"]);
  });

  it("grants on a copied table: reconciled with what an existing table holds, granted on a new one", async () => {
    const grants = { "roles/bigquery.dataViewer": ["user:ann@example.com"] };
    const into = await run(bigquery([at("m", "table")]), [...sources, copy({ grants })]);
    expect(into.sent.slice(1)).toEqual([
      expect.stringMatching(/^select privilege_type, grantee\s+from `proj`\.`region-\w+`\.INFORMATION_SCHEMA\.OBJECT_PRIVILEGES /i),
      "grant `roles/bigquery.dataViewer` on table `proj`.`analytics`.`m` to \"user:ann@example.com\"",
    ]);
    const fresh = await run(bigquery([at("m", "view")]), [...sources, copy({ grants })]);
    expect(fresh.sent.slice(1)).toEqual(["-- copy replace: orders_2024, people -> m", "grant `roles/bigquery.dataViewer` on table `proj`.`analytics`.`m` to \"user:ann@example.com\""]);
  });

  it("fails a copy model that refs nothing to copy (TSDBT-E414) or on an engine without copy jobs (TSDBT-E401)", async () => {
    const nothing = await run(bigquery(), [{ name: "m", sql: "select 1", config: { materialized: "copy" } }]);
    expect(nothing.result.message).toMatch(/models\/m\.sql: TSDBT-E414: Model m is materialized as 'copy' but refs no model, seed or snapshot and reads no source to copy\.\n {4}hint: Write the tables to copy as refs or sources in the model, e\.g\. \{\{ ref\('orders'\) \}\} or \{\{ source\('raw', 'events'\) \}\}\.$/);
    const noJobs = await run({ ...bigquery(), copyJobs: false }, [...sources, copy()]);
    expect(noJobs.result.message).toBe(
      "Runtime Error in model m (models/m.sql)\n  models/m.sql: TSDBT-E401: Model m is materialized as 'copy', which the bigquery adapter cannot build (it has no copy jobs).\n    hint: Use `materialized: table` with `select * from {{ ref('…') }}` on this warehouse.",
    );
    expect(noJobs.sent).toEqual([]);
  });
});

describe("on DuckDB", () => {
  it("refuses a dynamic table with TSDBT-E401 naming the adapter", async () => {
    const { adapter, dispose } = await openDuckDb();
    try {
      const { manifest, compiler, ids } = project(adapter, [{ name: "m", sql: "select 1", config: { materialized: "dynamic_table" } }]);
      const [result] = (await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: "/" })).results;
      expect(result!.message).toBe(
        "Runtime Error in model m (models/m.sql)\n  models/m.sql: TSDBT-E401: Model m is materialized as 'dynamic_table', which the duckdb adapter cannot build.\n    hint: Use `materialized: table` or an incremental model on this warehouse.",
      );
    } finally {
      await dispose();
    }
  });
});
