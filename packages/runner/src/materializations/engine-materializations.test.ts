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
import type { NodeResult, RunEvent } from "../types";

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

/** Builds the last of `specs` (the others are only in the manifest). */
async function run(warehouse: Warehouse, specs: NodeSpec[], fullRefresh = false): Promise<{ result: NodeResult; sent: string[]; warnings: string[] }> {
  const { adapter, sent } = recorder(warehouse);
  const withSchema = specs.map((s) => ({ ...s, config: { schema: "analytics", ...s.config } }));
  const { manifest, compiler, ids } = project(adapter, withSchema);
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids.slice(-1), threads: 1, projectDir: "/", fullRefresh, onEvent: (e) => events.push(e) });
  return {
    result: summary.results[summary.results.length - 1]!,
    sent,
    warnings: events.flatMap((e) => (e.kind === "node_debug" && e.level === "warn" ? [e.message] : [])),
  };
}

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

  it("creates it again on --full-refresh, and drops a plain table or a view in the way first", async () => {
    const refreshed = await run(snowflake([table()], [settings]), [dyn()], true);
    expect([refreshed.result.message, refreshed.sent]).toEqual(["CREATE DYNAMIC TABLE", [SHOW, CREATE]]);
    const plain = await run(snowflake([table()], []), [dyn()]);
    expect(plain.sent).toEqual([SHOW, `drop table if exists ${DYN} cascade`, CREATE]);
    const view = await run(snowflake([table("view")]), [dyn()]);
    expect(view.sent).toEqual([`drop view if exists ${DYN} cascade`, CREATE]);
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
