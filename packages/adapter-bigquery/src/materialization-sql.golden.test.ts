/**
 * Golden files of the SQL each materialization sends to BigQuery: the real runner drives a
 * recording warehouse with the BigQuery dialect and capabilities (see __fixtures__), and the
 * statements are compared with src/__golden__/<case>.sql. Review changes to those files in diffs;
 * `UPDATE_GOLDEN=1 npx jest packages/adapter-bigquery` rewrites them. Statements a BigQuery-aware
 * parser (node-sql-parser, database bigquery) accepts are parsed too.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Parser } from "node-sql-parser";
import { runSpecs, type NodeSpec } from "@tsdbt/adapter-tests";
import { RecordingAdapter } from "./__fixtures__/recording-adapter";
import { csvLoadStatements } from "./load-csv";

const GOLDEN_DIR = join(__dirname, "__golden__");
const COLUMNS = [
  { name: "id", dataType: "INT64" },
  { name: "v", dataType: "STRING" },
  { name: "day", dataType: "DATE" },
];
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "tsdbt-bq-golden-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function golden(name: string, statements: string[]): void {
  const text = statements.map((s) => `${s.trim()};\n`).join("\n");
  const file = join(GOLDEN_DIR, `${name}.sql`);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, "utf8"));
}

/** Runs `spec` once through the runner; `existing` relations are there before, holding `grants` (OBJECT_PRIVILEGES rows). */
async function sent(spec: NodeSpec, existing: [string, "table" | "view"][] = [], grants: Record<string, unknown>[] = []): Promise<string[]> {
  const adapter = new RecordingAdapter(COLUMNS);
  adapter.grants = grants;
  for (const [name, kind] of existing) adapter.exists("analytics", name, kind);
  const { summary } = await runSpecs(adapter, [spec], { schema: "analytics", projectDir: dir });
  expect(summary.results.map((r) => [r.status, r.message])).toEqual([[expect.stringMatching(/success|pass/), expect.anything()]]);
  return adapter.statements;
}

const parser = new Parser();
/**
 * Statement kinds node-sql-parser's bigquery grammar accepts: it has no MERGE, DROP … IF EXISTS,
 * ALTER, view OPTIONS, DELETE on a three-part name or a contract's informational keys (`primary key
 * not enforced`), so those are compared with the golden only.
 */
const PARSEABLE = /^(create (or replace )?table|select|insert)\b/i;
const parseable = (s: string) => (PARSEABLE.test(s.trim()) && !/\bnot enforced\b/i.test(s)) || (/^create (or replace )?view\b/i.test(s.trim()) && !/\noptions\(/.test(s));

function expectParsed(statements: string[]): void {
  for (const statement of statements.filter(parseable)) {
    expect(() => parser.astify(statement, { database: "bigquery" })).not.toThrow();
  }
}

const model = (config: Record<string, unknown>, sql = "select 1 as id, 'a' as v, date '2024-01-01' as day"): NodeSpec => ({ name: "m", sql, config });

/** A contracted model (the recorder describes both queries alike): keys written `not enforced`, `check` and `unique` left out. */
const contracted = (config: Record<string, unknown>): NodeSpec => ({
  ...model(config),
  contract: {
    columns: {
      id: { data_type: "int64", constraints: [{ type: "not_null" }, { type: "primary_key" }, { type: "check", expression: "id > 0" }] },
      v: { data_type: "string", constraints: [{ type: "unique" }] },
      day: { data_type: "date" },
    },
    constraints: [{ type: "foreign_key", columns: ["v"], to: "`proj`.`analytics`.`other`", to_columns: ["v"] }],
  },
});

describe("SQL each BigQuery materialization sends (golden)", () => {
  it.each([
    ["table-first-build", model({ materialized: "table" }), []],
    ["table-rebuild", model({ materialized: "table" }), [["m", "table"]]],
    [
      "table-partitioned-clustered-options",
      model({
        materialized: "table",
        partition_by: { field: "created_at", data_type: "timestamp", granularity: "hour" },
        cluster_by: ["customer_id", "status"],
        require_partition_filter: true,
        partition_expiration_days: 90,
        labels: { team: "finance", "cost-center": "42" },
        kms_key_name: "projects/p/locations/eu/keyRings/r/cryptoKeys/k",
        hours_to_expiration: 6,
      }),
      [["m", "table"]],
    ],
    ["table-date-month-partitions", model({ materialized: "table", partition_by: { field: "day", data_type: "date", granularity: "month" } }), []],
    ["table-int64-range-partitions", model({ materialized: "table", partition_by: { field: "id", data_type: "int64", range: { start: 0, end: 1000, interval: 10 } }, cluster_by: "v" }), []],
    ["table-datetime-partitions", model({ materialized: "table", partition_by: { field: "ts", data_type: "datetime", granularity: "day" } }), []],
    ["view-first-build", model({ materialized: "view", labels: { owner: "data" } }), []],
    [
      "table-persist-docs-relation",
      { ...model({ materialized: "table", persist_docs: { relation: true, columns: true }, labels: { team: "sales" } }), description: "Orders, one row each; it's documented." },
      [["m", "table"]],
    ],
    ["view-persist-docs-relation", { ...model({ materialized: "view", persist_docs: { relation: true } }), description: "A view" }, [["m", "view"]]],
    ["table-persist-docs-off", { ...model({ materialized: "table", persist_docs: { columns: true } }), description: "Not kept" }, []],
    ["view-rebuild", model({ materialized: "view" }), [["m", "view"]]],
    ["table-replacing-a-view", model({ materialized: "table" }), [["m", "view"]]],
    ["incremental-first-build", model({ materialized: "incremental", unique_key: "id", partition_by: { field: "day", data_type: "date" } }), []],
    ["incremental-merge", model({ materialized: "incremental", unique_key: "id", merge_exclude_columns: ["day"] }), [["m", "table"]]],
    ["incremental-append", model({ materialized: "incremental", incremental_strategy: "append" }), [["m", "table"]]],
    [
      "incremental-insert-overwrite-dynamic",
      model({ materialized: "incremental", incremental_strategy: "insert_overwrite", partition_by: { field: "day", data_type: "date" } }),
      [["m", "table"]],
    ],
    [
      "incremental-insert-overwrite-dynamic-timestamp-day",
      model({ materialized: "incremental", incremental_strategy: "insert_overwrite", partition_by: { field: "day", data_type: "timestamp", granularity: "day" } }),
      [["m", "table"]],
    ],
    [
      "incremental-insert-overwrite-static",
      model({
        materialized: "incremental",
        incremental_strategy: "insert_overwrite",
        partition_by: { field: "day", data_type: "date" },
        partitions: ["date('2024-01-01')", "date('2024-01-02')"],
      }),
      [["m", "table"]],
    ],
    ["incremental-insert-overwrite-unpartitioned", model({ materialized: "incremental", incremental_strategy: "insert_overwrite" }), [["m", "table"]]],
    ["contract-table", contracted({ materialized: "table", partition_by: { field: "day", data_type: "date" }, cluster_by: "v" }), [["m", "table"]]],
    ["contract-incremental-first-build", contracted({ materialized: "incremental", unique_key: "id", on_schema_change: "fail" }), []],
  ] as [string, NodeSpec, [string, "table" | "view"][]][])("%s", async (name, spec, existing) => {
    const statements = await sent(spec, existing);
    golden(name, statements);
    expectParsed(statements);
  });

  it("warns, as dbt-bigquery does, about the contract's keys BigQuery does not enforce and the check and unique it refuses", async () => {
    const warnings: string[] = [];
    const adapter = new RecordingAdapter(COLUMNS);
    await runSpecs(adapter, [contracted({ materialized: "table" })], { schema: "analytics", projectDir: dir, onEvent: (e) => e.kind === "node_debug" && e.level === "warn" && warnings.push(e.message) });
    const unenforced = (type: string) =>
      `model.conformance.m: The constraint type ${type} is not enforced by bigquery. The constraint will be included in this model's DDL statement, but it will not guarantee anything about the underlying data. Set 'warn_unenforced: false' on this constraint to ignore this warning.`;
    const unsupported = (type: string) => `model.conformance.m: The constraint type ${type} is not supported by bigquery, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning.`;
    expect(warnings).toEqual([unenforced("primary_key"), unsupported("check"), unsupported("unique"), unenforced("foreign_key")]);
  });

  it("grants: IAM roles granted on a new relation, reconciled with OBJECT_PRIVILEGES on a replaced or merged one", async () => {
    const grants = { "roles/bigquery.dataViewer": ["user:ann@example.com", "group:analysts@example.com"], "roles/bigquery.dataEditor": "serviceAccount:loader@proj.iam.gserviceaccount.com" };
    const held = [
      { privilege_type: "roles/bigquery.dataViewer", grantee: "user:ann@example.com" },
      { privilege_type: "roles/bigquery.dataViewer", grantee: "user:bob@example.com" },
    ];
    golden("grants-table-first-build", await sent(model({ materialized: "table", grants }), []));
    golden("grants-view-rebuild", await sent(model({ materialized: "view", grants }), [["m", "view"]], held));
    golden("grants-incremental-merge", await sent(model({ materialized: "incremental", unique_key: "id", grants: { "roles/bigquery.dataViewer": ["user:ann@example.com"] } }), [["m", "table"]], held));
  });

  it("copy: one copy job from the refs then the sources (no query), replacing or appending; a view in the way is dropped first", async () => {
    const copyRun = async (config: Record<string, unknown>, existing: [string, "table" | "view"][] = []) => {
      const adapter = new RecordingAdapter(COLUMNS);
      for (const [name, kind] of existing) adapter.exists("analytics", name, kind);
      const specs: NodeSpec[] = [
        { name: "orders_2024", sql: "select 1 as id", config: { materialized: "table" } },
        { name: "orders_2025", sql: "select 2 as id", config: { materialized: "table" } },
        {
          name: "m",
          sql: "{{ source('raw', 'orders_2023') }} {{ ref('orders_2024') }} {{ ref('orders_2025') }}",
          dependsOn: ["source.conformance.raw.orders_2023", "orders_2024", "orders_2025"],
          config: { materialized: "copy", ...config },
        },
      ];
      const { summary } = await runSpecs(adapter, specs, { schema: "analytics", projectDir: dir });
      return { summary, statements: adapter.statements.filter((s) => !/orders_/.test(s) || s.startsWith("-- copy")) };
    };
    const replaced = await copyRun({}, [["m", "view"]]);
    expect(replaced.summary.results.map((r) => r.message)).toEqual(["CREATE TABLE", "CREATE TABLE", "COPY"]);
    golden("copy-table-over-view", replaced.statements);
    golden("copy-incremental", (await copyRun({ copy_materialization: "incremental" }, [["m", "table"]])).statements);
    const adapter = new RecordingAdapter(COLUMNS);
    const { summary } = await runSpecs(adapter, [{ name: "m", sql: "select 1 as id", config: { materialized: "copy" } }], { schema: "analytics", projectDir: dir });
    expect(summary.results.map((r) => [r.status, r.message])).toEqual([["error", expect.stringMatching(/TSDBT-E414: Model m is materialized as 'copy' but refs no model, seed or snapshot and reads no source to copy\.\n\s+hint: Write the tables to copy as refs or sources/)]]);
    expect(adapter.statements.filter((s) => s.startsWith("-- copy"))).toEqual([]);
  });

  it("insert_overwrite with copy_partitions: a working table partitioned as the target, then one copy job per partition it holds", async () => {
    const copyRun = async (partitionBy: Record<string, unknown>, ids: string[]) => {
      const adapter = new RecordingAdapter(COLUMNS).exists("analytics", "m", "table");
      adapter.partitionIds = ids;
      const spec = model({ materialized: "incremental", incremental_strategy: "insert_overwrite", partition_by: { ...partitionBy, copy_partitions: true } });
      const { summary } = await runSpecs(adapter, [spec], { schema: "analytics", projectDir: dir });
      expect(summary.results.map((r) => [r.status, r.message])).toEqual([["success", "INSERT"]]);
      expectParsed(adapter.statements);
      return adapter.statements;
    };
    const daily = await copyRun({ field: "day", data_type: "date" }, ["20240101", "20240102"]);
    expect(daily.filter((s) => /^(merge|insert|delete)\b/i.test(s))).toEqual([]);
    golden("incremental-insert-overwrite-copy-partitions", daily);
    golden("incremental-insert-overwrite-copy-partitions-int64", await copyRun({ field: "id", data_type: "int64", range: { start: 0, end: 100, interval: 10 } }, ["0", "__UNPARTITIONED__"]));
    golden("incremental-insert-overwrite-copy-partitions-timestamp-hour", await copyRun({ field: "ts", data_type: "timestamp", granularity: "hour" }, []));
  });

  it("copy_partitions on an engine without copy jobs: the strategy's statements, no copy job", async () => {
    const adapter = new RecordingAdapter(COLUMNS).exists("analytics", "m", "table");
    Object.defineProperty(adapter, "capabilities", { value: { ...adapter.capabilities, copyJobs: false } });
    adapter.partitionIds = ["20240101"];
    const spec = model({ materialized: "incremental", incremental_strategy: "insert_overwrite", partition_by: { field: "day", data_type: "date", copy_partitions: true } });
    const { summary } = await runSpecs(adapter, [spec], { schema: "analytics", projectDir: dir });
    expect(summary.results.map((r) => r.status)).toEqual(["success"]);
    expect(adapter.statements.filter((s) => s.startsWith("-- copy"))).toEqual([]);
    expect(adapter.statements.filter((s) => /^merge\b/i.test(s))).toHaveLength(1);
  });

  it("copy_partitions refuses a static partitions list and ingestion-time partitioning with TSDBT-E134, before any write", async () => {
    const refused = async (config: Record<string, unknown>) => {
      const adapter = new RecordingAdapter(COLUMNS).exists("analytics", "m", "table");
      const { summary } = await runSpecs(adapter, [model({ materialized: "incremental", incremental_strategy: "insert_overwrite", ...config })], { schema: "analytics", projectDir: dir });
      expect(adapter.statements.filter((s) => /^(merge|insert|delete|create)\b/i.test(s) || s.startsWith("-- copy"))).toEqual([]);
      return summary.results.map((r) => [r.status, r.message]);
    };
    expect(await refused({ partition_by: { field: "day", data_type: "date", copy_partitions: true }, partitions: ["date('2024-01-01')"] })).toEqual([
      ["error", expect.stringMatching(/\n\s*TSDBT-E134: partition_by\.copy_partitions copies the partitions the new rows fall in, so it does not take a static `partitions` list\./)],
    ]);
    expect(await refused({ partition_by: { field: "day", data_type: "timestamp", time_ingestion_partitioning: true, copy_partitions: true } })).toEqual([
      ["error", expect.stringMatching(/\n\s*TSDBT-E134: partition_by\.copy_partitions with time_ingestion_partitioning is not supported/)],
    ]);
  });

  it("microbatch: each batch overwrites the partitions it holds (dbt-bigquery's insert_overwrite); partition_by by the batch size is required (TSDBT-E134)", async () => {
    // the model as core renders a batch: its input filtered to the batch window
    const microbatch = (config: Record<string, unknown>): NodeSpec => ({
      name: "m",
      sql: ({ batch }) => `select id, v, day from (select * from \`proj\`.\`analytics\`.\`src\` where day >= '${batch?.eventTimeStart.slice(0, 10)} 00:00:00+00:00' and day < '${batch?.eventTimeEnd.slice(0, 10)} 00:00:00+00:00') _dbt_et_filter_subq_src`,
      config: { materialized: "incremental", incremental_strategy: "microbatch", event_time: "day", batch_size: "day", begin: "2024-01-01T00:00:00", ...config },
    });
    const window = { eventTimeStart: new Date("2024-01-01T00:00:00Z"), eventTimeEnd: new Date("2024-01-03T00:00:00Z") };
    const run = async (config: Record<string, unknown>) => {
      const adapter = new RecordingAdapter(COLUMNS).exists("analytics", "m", "table");
      const errors: string[] = [];
      const { summary } = await runSpecs(adapter, [microbatch(config)], { schema: "analytics", projectDir: dir, microbatch: window, onEvent: (e) => e.kind === "batch_finish" && e.error && errors.push(e.error) });
      return { result: summary.results[0]!, statements: adapter.statements, errors };
    };
    const ok = await run({ partition_by: { field: "day", data_type: "date" } });
    expect([ok.result.status, ok.result.message, ok.result.batch_results?.successful.length]).toEqual(["success", "SUCCESS", 2]);
    golden("incremental-microbatch", ok.statements);
    expectParsed(ok.statements);
    const missing = await run({});
    expect([missing.result.status, missing.errors[0]]).toEqual(["error", expect.stringMatching(/TSDBT-E134: The 'microbatch' strategy requires a `partition_by` config\./)]);
    const hourly = await run({ partition_by: { field: "day", data_type: "timestamp", granularity: "hour" } });
    expect(hourly.errors[0]).toMatch(/TSDBT-E134: The 'microbatch' strategy requires a `partition_by` config with the same granularity as its configured `batch_size`\. Got: `batch_size`: day, `partition_by\.granularity`: hour\./);
    for (const refused of [missing, hourly]) expect(refused.statements.filter((s) => /^(merge|insert|delete)\b/i.test(s))).toEqual([]);
  });

  it("snapshot (timestamp strategy), first run and a later run", async () => {
    const snapshot = (existing: [string, "table" | "view"][]) =>
      sent({ name: "snap", resourceType: "snapshot" as never, sql: "select 1 as id, 'a' as v, timestamp '2024-01-01' as updated_at", config: { materialized: "snapshot", unique_key: "id", strategy: "timestamp", updated_at: "updated_at" } }, existing);
    golden("snapshot-first-run", await snapshot([]));
    golden("snapshot-later-run", await snapshot([["snap", "table"]]));
  });

  it("seed: create table, then batched typed inserts", async () => {
    const file = join(dir, "people.csv");
    writeFileSync(file, 'id,name,joined\n1,"O\'Brien, Ann",2024-01-01\n2,,2024-02-03\n');
    const { statements, rows } = await csvLoadStatements(
      "`proj`.`analytics`.`people`",
      file,
      [
        { name: "id", dataType: "INT64" },
        { name: "name", dataType: "STRING" },
        { name: "joined", dataType: "DATE" },
      ],
      { delimiter: ",", header: true },
    );
    expect(rows).toBe(2);
    golden("seed-load", statements);
    expectParsed(statements);
  });

  it("materialized view with partitioning, clustering and refresh options, over a table in the way", async () => {
    const spec = model(
      {
        materialized: "materialized_view",
        partition_by: { field: "day", data_type: "date" },
        cluster_by: "day",
        enable_refresh: true,
        refresh_interval_minutes: 30,
        max_staleness: "interval 4 hour",
        labels: { tier: "gold" },
      },
      "select day, count(*) as n from `proj`.`analytics`.`events` group by day",
    );
    golden("materialized-view", await sent(spec, [["m", "table"]]));
  });
});
