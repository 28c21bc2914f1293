/**
 * Golden files of the statements each materialization sends to Snowflake, in order, as the real
 * runner builds nodes through the Snowflake dialect and capabilities. The warehouse is a recorder
 * that answers catalog calls from a scripted state, so these run everywhere; the files under
 * packages/adapter-snowflake/golden are reviewed in diffs. `UPDATE_GOLDEN=1` rewrites them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Adapter, ExecuteOptions, QueryResult, RelationRef } from "@tsdbt/adapter-api";
import { dialect, SNOWFLAKE_CAPABILITIES } from "@tsdbt/adapter-snowflake";
import { Parser } from "node-sql-parser";
import { runSpecs, type NodeSpec } from "./test-project";

const GOLDEN_DIR = join(__dirname, "..", "..", "adapter-snowflake", "golden");
const SCHEMA = "analytics";

/** A Snowflake stand-in that records statements; `existing` relations are what the catalog shows, `grants` what `show grants` answers. */
function recorder(existing: RelationRef[], columns: string[] = ["ID", "V"], grants: Record<string, unknown>[] = []) {
  // a table named DYN in the catalog is a dynamic table with these settings
  const dynamicRows = existing.some((r) => r.identifier === "DYN") ? [{ name: "DYN", target_lag: "5 minutes", warehouse: "TRANSFORMING", refresh_mode: "INCREMENTAL", scheduling_state: "RUNNING" }] : [];
  const statements: string[] = [];
  const record = (sql: string, options?: ExecuteOptions) => statements.push(options?.queryTag ? `-- query_tag: ${options.queryTag}\n${sql}` : sql);
  const answer = (sql: string, options?: ExecuteOptions): QueryResult => {
    record(sql, options);
    if (/\slimit 0$/.test(sql)) return { columns: columns.map((name) => ({ name, type: "NUMBER(38,0)" })), rows: [] };
    if (/^show grants on /.test(sql)) return { columns: [], rows: grants };
    if (/^show dynamic tables /.test(sql)) return { columns: [], rows: dynamicRows };
    return { columns: [], rows: [], rowsAffected: /^(insert|merge|delete)/.test(sql) ? 2 : null };
  };
  const adapter: Adapter = {
    type: "snowflake",
    dialect,
    capabilities: SNOWFLAKE_CAPABILITIES,
    defaultDatabase: "WAREHOUSE",
    defaultSchema: SCHEMA,
    open: async () => undefined,
    execute: async (sql, options) => answer(sql, options),
    transaction: async (fn) => {
      record("begin");
      const result = await fn({ execute: async (sql, options) => answer(sql, options) });
      record("commit");
      return result;
    },
    listRelations: async () => {
      record("-- listRelations");
      return existing;
    },
    findRelations: async (_db, _schema, names) => {
      record(`-- findRelations ${names.join(", ")}`);
      const wanted = new Set(names.map((n) => n.toLowerCase()));
      return existing.filter((r) => wanted.has(r.identifier.toLowerCase()));
    },
    getColumns: async () => [],
    listSchemas: async () => {
      record("-- listSchemas");
      return [SCHEMA.toUpperCase()];
    },
    cancel: async () => undefined,
    close: async () => undefined,
    loadCsv: async (relation) => {
      record(`-- loadCsv into ${relation.schema}.${relation.identifier} (batched binds)`);
      return 2;
    },
  };
  return { adapter, statements };
}

const table = (identifier: string, type: "table" | "view" = "table"): RelationRef => ({ database: "WAREHOUSE", schema: SCHEMA.toUpperCase(), identifier: identifier.toUpperCase(), type });
const incremental = (config: Record<string, unknown>): NodeSpec => ({
  name: "m",
  sql: ({ isIncremental }) => `select id, v from src${isIncremental ? " where v > (select max(v) from {{ this }})" : ""}`,
  config: { materialized: "incremental", ...config },
});

/** A row of `show grants on …`, with the columns Snowflake answers. */
const shown = (privilege: string, grantee: string, grantedTo = "ROLE") => ({ created_on: "2024-01-01", privilege, granted_on: "TABLE", name: "WAREHOUSE.ANALYTICS.M", granted_to: grantedTo, grantee_name: grantee, grant_option: "false", granted_by: "TRANSFORMER" });
const HELD = [shown("OWNERSHIP", "TRANSFORMER"), shown("SELECT", "REPORTER"), shown("SELECT", "OLD_READER"), shown("SELECT", "PARTNER_SHARE", "SHARE")];
const granted = (config: Record<string, unknown>): Record<string, unknown> => ({ grants: { select: ["reporter", "analyst"] }, ...config });

const dynamic = (config: Record<string, unknown>): NodeSpec => ({
  name: "dyn",
  sql: "select id, v from src",
  config: { materialized: "dynamic_table", target_lag: "5 minutes", snowflake_warehouse: "transforming", ...config },
});

/** An ISO instant as dbt writes a batch bound in SQL (`2026-12-01 00:00:00+00:00`). */
const dbtInstant = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}+00:00`;

/** A microbatch model (day batches on `v`); its batches are 2026-12-01 and 2026-12-02 (see MICROBATCH_WINDOW). */
const microbatch = (config: Record<string, unknown> = {}): NodeSpec => ({
  name: "m",
  // as core renders a batch: the input filtered to the batch window, bounds written as dbt writes them
  sql: ({ batch }) => (batch ? `select id, v from (select * from src where v >= '${dbtInstant(batch.eventTimeStart)}' and v < '${dbtInstant(batch.eventTimeEnd)}') _dbt_et_filter_subq_src` : "select id, v from src"),
  config: { materialized: "incremental", incremental_strategy: "microbatch", event_time: "v", batch_size: "day", begin: "2026-12-01T00:00:00", ...config },
});
const MICROBATCH_WINDOW = { eventTimeStart: new Date("2026-12-01T00:00:00Z"), eventTimeEnd: new Date("2026-12-03T00:00:00Z") };

/** A contracted model (the recorder describes both queries as ID, V of NUMBER(38,0)): keys and `unique` kept as information, `check` left out. */
const contracted = (config: Record<string, unknown>): NodeSpec => ({
  name: "m",
  sql: "select 1 as id, 2 as v",
  config,
  contract: {
    columns: { ID: { data_type: "number(38,0)", constraints: [{ type: "not_null" }, { type: "primary_key" }, { type: "check", expression: "id > 0" }] }, V: { data_type: "integer", constraints: [{ type: "unique" }] } },
    constraints: [{ type: "foreign_key", columns: ["v"], to: "analytics.other", to_columns: ["id"] }],
  },
});

const CASES: [string, NodeSpec, RelationRef[], Record<string, unknown>[]?][] = [
  // dbt-snowflake's microbatch: per batch, delete the batch window (incremental_predicates first) and insert the batch
  ["incremental-microbatch", microbatch({ incremental_predicates: ["DBT_INTERNAL_TARGET.id > 0"] }), [table("m")]],
  ["table-new", { name: "m", sql: "select 1 as id", config: { materialized: "table" } }, []],
  ["table-existing", { name: "m", sql: "select 1 as id", config: { materialized: "table" } }, [table("m")]],
  ["table-options", { name: "m", sql: "select 1 as id, 2 as v", config: { materialized: "table", transient: false, copy_grants: true, cluster_by: ["id", "v"] } }, [table("m")]],
  ["table-over-view", { name: "m", sql: "select 1 as id", config: { materialized: "table" } }, [table("m", "view")]],
  ["view-existing", { name: "m", sql: "select 1 as id", config: { materialized: "view" } }, [table("m", "view")]],
  ["view-secure", { name: "m", sql: "select 1 as id", config: { materialized: "view", secure: true, copy_grants: true } }, []],
  ["query-tag", { name: "m", sql: "select 1 as id", config: { materialized: "table", query_tag: "nightly_orders" } }, [table("m")]],
  ["incremental-first", incremental({ unique_key: "id" }), []],
  ["incremental-merge", incremental({ unique_key: "id" }), [table("m")]],
  ["incremental-merge-columns", incremental({ unique_key: "id", merge_update_columns: ["v"] }), [table("m")]],
  ["incremental-append", incremental({ incremental_strategy: "append" }), [table("m")]],
  ["incremental-delete-insert", incremental({ incremental_strategy: "delete+insert", unique_key: "id" }), [table("m")]],
  ["incremental-insert-overwrite", incremental({ incremental_strategy: "insert_overwrite" }), [table("m")]],
  ["seed-first", { name: "people", resourceType: "seed", file: "people.csv" }, []],
  ["seed-reload", { name: "people", resourceType: "seed", file: "people.csv" }, [table("people")]],
  // grants: granted after a first build or a `create or replace` (which drops them); read and reconciled where they survive
  ["grants-table-new", { name: "m", sql: "select 1 as id", config: granted({ materialized: "table" }) }, []],
  ["grants-table-replaced", { name: "m", sql: "select 1 as id", config: granted({ materialized: "table" }) }, [table("m")], HELD],
  ["grants-table-copy-grants", { name: "m", sql: "select 1 as id", config: granted({ materialized: "table", copy_grants: true }) }, [table("m")], HELD],
  ["grants-view-copy-grants", { name: "m", sql: "select 1 as id", config: granted({ materialized: "view", copy_grants: true }) }, [table("m", "view")], HELD],
  ["grants-incremental", incremental(granted({ unique_key: "id", grants: { select: ["reporter"], insert: ["loader"] } })), [table("m")], HELD],
  ["incremental-tmp-view", incremental({ unique_key: "id", tmp_relation_type: "view", on_schema_change: "append_new_columns" }), [table("m")]],
  ["incremental-tmp-table", incremental({ unique_key: "id", tmp_relation_type: "table" }), [table("m")]],
  ["table-automatic-clustering", { name: "m", sql: "select 1 as id, 2 as v", config: { materialized: "table", cluster_by: "id", automatic_clustering: true } }, [table("m")]],
  ["dynamic-table-new", dynamic({ refresh_mode: "incremental", initialize: "on_create" }), []],
  ["dynamic-table-unchanged", dynamic({}), [table("dyn")]],
  ["dynamic-table-new-lag", dynamic({ target_lag: "1 hour", snowflake_warehouse: "reporting" }), [table("dyn")]],
  ["dynamic-table-new-refresh-mode", dynamic({ refresh_mode: "full" }), [table("dyn")]],
  ["dynamic-table-over-view", dynamic({}), [table("dyn", "view")]],
  ["contract-table", contracted({ materialized: "table", cluster_by: "id", copy_grants: true }), [table("m")]],
  ["contract-incremental-first", contracted({ materialized: "incremental", unique_key: "id", on_schema_change: "fail" }), []],
  ["contract-view", contracted({ materialized: "view" }), []],
  ["grants-seed-reload", { name: "people", resourceType: "seed", file: "people.csv", config: granted({}) }, [table("people")], HELD],
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tsdbt-sf-golden-"));
  writeFileSync(join(dir, "people.csv"), "id,v\n1,a\n2,b\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SQL each Snowflake materialization sends (golden files)", () => {
  it.each(CASES)("%s", async (name, spec, existing, grants = []) => {
    const { adapter, statements } = recorder(existing, ["ID", "V"], grants);
    const { summary } = await runSpecs(adapter, [spec], { schema: SCHEMA, projectDir: dir, microbatch: MICROBATCH_WINDOW });
    expect(summary.results.map((r) => [r.status, r.status === "success" ? "" : r.message])).toEqual([["success", ""]]);
    const text = statements.join(";\n\n") + ";\n";
    const file = join(GOLDEN_DIR, `${name}.sql`);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, text);
    }
    expect(text).toBe(readFileSync(file, "utf8"));
  });

  it("refuses a dynamic table without target_lag and a view as delete+insert's working relation (TSDBT-E125), and fails on a changed setting with on_configuration_change: fail (TSDBT-E413)", async () => {
    const cases: [NodeSpec, RelationRef[], RegExp][] = [
      [dynamic({ target_lag: null }), [], /TSDBT-E125.*needs target_lag/s],
      [incremental({ unique_key: "id", incremental_strategy: "delete+insert", tmp_relation_type: "view" }), [table("m")], /TSDBT-E125.*delete\+insert/s],
      [incremental({ unique_key: "id", tmp_relation_type: "temporary" }), [table("m")], /TSDBT-E125.*'table' or 'view'/s],
      [dynamic({ target_lag: "1 hour", on_configuration_change: "fail" }), [table("dyn")], /TSDBT-E413.*target_lag/s],
    ];
    for (const [spec, existing, message] of cases) {
      const { adapter, statements } = recorder(existing);
      const { summary } = await runSpecs(adapter, [spec], { schema: SCHEMA, projectDir: dir });
      expect(summary.results.map((r) => [r.status, r.message])).toEqual([["error", expect.stringMatching(message)]]);
      expect(statements.filter((s) => /^(create|merge|insert|delete|alter)/.test(s))).toEqual([]);
    }
  });

  it("warns, as dbt-snowflake does, about the contract's constraints Snowflake keeps without enforcing them and those it refuses", async () => {
    const { adapter } = recorder([]);
    const warnings: string[] = [];
    await runSpecs(adapter, [contracted({ materialized: "table" })], { schema: SCHEMA, projectDir: dir, onEvent: (e) => e.kind === "node_debug" && e.level === "warn" && warnings.push(e.message) });
    const unenforced = (type: string) =>
      `model.conformance.m: The constraint type ${type} is not enforced by snowflake. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.`;
    expect(warnings).toEqual([
      unenforced("primary_key"),
      "model.conformance.m: The constraint type check is not supported by snowflake, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.",
      unenforced("unique"),
      unenforced("foreign_key"),
    ]);
  });

  it("builds a table in place with one statement and sends no statement besides it and the lookups", async () => {
    const { adapter, statements } = recorder([table("m")]);
    await runSpecs(adapter, [{ name: "m", sql: "select 1 as id", config: { materialized: "table" } }], { schema: SCHEMA, projectDir: dir });
    expect(statements.filter((s) => !s.startsWith("--"))).toEqual([expect.stringMatching(/^create or replace transient table "WAREHOUSE"\."analytics"\."m" as \(/)]);
  });

  it("gives the query statements node-sql-parser's Snowflake dialect accepts", () => {
    const parser = new Parser();
    const merge = readFileSync(join(GOLDEN_DIR, "incremental-delete-insert.sql"), "utf8");
    const insert = merge.split(";\n\n").find((s) => s.startsWith("insert into"))!;
    expect(() => parser.astify(insert, { database: "snowflake" })).not.toThrow();
  });
});
