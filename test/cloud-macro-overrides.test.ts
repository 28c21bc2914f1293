/**
 * End-to-end on the Snowflake and BigQuery emulators (FAKESNOW_URL, BIGQUERY_EMULATOR_URL; each
 * suite is skipped, naming its variable, when it is unset): a project that overrides
 * `create_table_as` (adds an ORDER BY clause) and `get_merge_sql` (updates changed rows only) —
 * the create-table-as and merge-override cases of test/fixtures/materialization-oracle — built
 * twice through the public Node API. The statements sent are golden files reviewed in diffs
 * (packages/adapter-snowflake/golden, packages/adapter-bigquery/src/__golden__; `UPDATE_GOLDEN=1`
 * rewrites them), with the run's schema written as `<schema>`; the tables must hold the rows
 * dbt-core left on PostgreSQL for the same cases. Also the build-snapshot-table case (a snapshot
 * through dbt's snapshot macros), checked by its history rows.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { uniqueSchemaName } from "@tsdbt/adapter-tests";

const FIXTURES = path.join(__dirname, "fixtures", "materialization-oracle");
const CASES = ["create-table-as", "merge-override"];

interface Engine {
  name: "snowflake" | "bigquery";
  variable: string;
  golden: string;
  profile: (url: URL, schema: string) => string[];
}

const ENGINES: Engine[] = [
  {
    name: "snowflake",
    variable: "FAKESNOW_URL",
    golden: path.join(__dirname, "..", "packages", "adapter-snowflake", "golden", "override-create-table-as-and-merge.sql"),
    profile: (url, schema) => [
      "type: snowflake",
      "account: fakesnow",
      "user: fake",
      "password: snow",
      "database: TSDBT_TEST",
      `schema: ${schema}`,
      `host: ${url.hostname}`,
      `port: ${url.port || 80}`,
      `protocol: ${url.protocol.replace(":", "")}`,
      "connect_retries: 0",
    ],
  },
  {
    name: "bigquery",
    variable: "BIGQUERY_EMULATOR_URL",
    golden: path.join(__dirname, "..", "packages", "adapter-bigquery", "src", "__golden__", "override-create-table-as-and-merge.sql"),
    profile: (url, schema) => ["type: bigquery", "method: oauth-secrets", "token: local-endpoint", "project: tsdbt-test", `api_endpoint: ${url.origin}`, "location: US", `dataset: ${schema}`],
  },
];

/** A project holding the models, snapshots and macros of `cases`. */
function project(engine: Engine, schema: string, cases: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tsdbt-cloud-overrides-${engine.name}-`));
  for (const name of cases) fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith("dbt_project.yml") });
  fs.writeFileSync(path.join(dir, "dbt_project.yml"), "name: cloud_overrides\nversion: '1.0.0'\nconfig-version: 2\nprofile: cloud\n");
  const url = new URL(process.env[engine.variable]!);
  fs.writeFileSync(path.join(dir, "profiles.yml"), ["cloud:", "  target: emulator", "  outputs:", "    emulator:", ...[...engine.profile(url, schema), "threads: 1"].map((l) => `      ${l}`), ""].join("\n"));
  return dir;
}

/** The rows dbt-core left in a case's table on PostgreSQL, sorted. */
function oracleRows(name: string, table: string): Record<string, unknown>[] {
  const golden = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, "oracle.postgres.json"), "utf8")) as { data: Record<string, Record<string, unknown>[]> };
  return [...golden.data[table]!].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.each(ENGINES)("overridden create_table_as and get_merge_sql on the $name emulator", (engine) => {
  if (!process.env[engine.variable]) {
    it.skip(`needs ${engine.variable} (see ../shared/emulators/README.md)`, () => undefined);
    return;
  }
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** Runs tsdbt in `dir` through the public API: exit code and stdout; `onSql` gets every statement sent. */
  const tsdbtIn = (dir: string) => async (argv: string[], onSql?: (sql: string) => void) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { invoke } = require("tsdbt") as typeof import("tsdbt");
    {
      const stdout: string[] = [];
      const result = await invoke([...argv, "--project-dir", dir, "--profiles-dir", dir], {
        cwd: dir,
        write: (line, stream) => void (stream === "stdout" && stdout.push(line)),
        onEvent: (e) => {
          if (e.name === "SQLQuery") onSql?.(String(e.data?.sql));
        },
      });
      return { exitCode: result.exitCode, stdout: stdout.join("\n") };
    }
  };

  /** The rows an inline query shows, keys lower-cased (Snowflake names columns in upper case). */
  const shown = async (tsdbt: ReturnType<typeof tsdbtIn>, sql: string) => {
    const show = await tsdbt(["show", "--inline", sql, "--output", "json", "-q"]);
    expect(show.exitCode).toBe(0);
    const rows = (JSON.parse(show.stdout).show as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v])));
    return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  };

  it("sends the overrides' SQL (golden file) and leaves dbt-core's rows", async () => {
    const schema = uniqueSchemaName("mat_cloud");
    const dir = project(engine, schema, CASES);
    dirs.push(dir);
    const tsdbt = tsdbtIn(dir);
    const runs: string[] = [];
    for (let i = 1; i <= 2; i++) {
      const sent: string[] = [];
      expect((await tsdbt(["run"], (sql) => sent.push(sql.split(schema).join("<schema>")))).exitCode).toBe(0);
      runs.push(`-- run ${i}\n${sent.join(";\n\n")};\n`);
    }
    const text = runs.join("\n");
    if (process.env.UPDATE_GOLDEN === "1" || !fs.existsSync(engine.golden)) fs.writeFileSync(engine.golden, text);
    expect(text).toBe(fs.readFileSync(engine.golden, "utf8"));
    expect(text).toMatch(/\) order by 1/);
    expect(text).toMatch(/when matched and \(dest\./);

    for (const [name, table, columns] of [
      ["create-table-as", "sorted_products", "product_id, name"],
      ["merge-override", "stock_levels", "sku, quantity"],
    ] as const) {
      expect(await shown(tsdbt, `select ${columns} from {{ ref('${table}') }}`)).toEqual(oracleRows(name, table));
    }
  }, 180000);

  it("runs the project's materializations and incremental strategy with dbt-core's rows", async () => {
    // custom-materialization (two {% materialization %} blocks: a table swapped in with a backup
    // and post-hook, an append-only table) and custom-strategy (get_incremental_insert_new_keys_sql),
    // each built twice as dbt-core built them on PostgreSQL
    const dir = project(engine, uniqueSchemaName("mat_cloud_custom"), ["custom-materialization", "custom-strategy"]);
    dirs.push(dir);
    // page_visits' second build stages rows with create_table_as(True, …): a temporary table named
    // database.schema.table, which Snowflake takes and fakesnow (DuckDB) refuses; BigQuery's is a
    // 12-hour table
    const temporaryTables = engine.name !== "snowflake";
    if (!temporaryTables) fs.rmSync(path.join(dir, "models", "page_visits.sql"));
    const tsdbt = tsdbtIn(dir);
    for (let i = 1; i <= 2; i++) expect((await tsdbt(["run", "--vars", `{run: ${i}}`])).exitCode).toBe(0);
    for (const [name, table, columns] of [
      ["custom-materialization", "refreshed_orders", "order_id, status"],
      ...(temporaryTables ? [["custom-materialization", "page_visits", "visit_id, page"] as const] : []),
      ["custom-strategy", "customer_events", "event_id, kind"],
    ] as const) {
      expect(await shown(tsdbt, `select ${columns} from {{ ref('${table}') }}`)).toEqual(oracleRows(name, table));
    }
  }, 180000);

  it("renders the project's engine-prefixed create_table_as for a table model", async () => {
    // as the prefixed-override case on PostgreSQL and DuckDB, with this engine's prefix
    const dir = project(engine, uniqueSchemaName("mat_cloud_prefixed"), ["prefixed-override"]);
    dirs.push(dir);
    fs.writeFileSync(
      path.join(dir, "macros", "create_table_as.sql"),
      `{% macro ${engine.name}__create_table_as(temporary, relation, sql) -%}\ncreate or replace table {{ relation }} as (\n{{ sql }}\n) /* the project's ${engine.name}__create_table_as */\n{%- endmacro %}\n`,
    );
    const tsdbt = tsdbtIn(dir);
    const sent: string[] = [];
    expect((await tsdbt(["run"], (sql) => sent.push(sql))).exitCode).toBe(0);
    expect(sent.filter((sql) => sql.includes(`/* the project's ${engine.name}__create_table_as */`))).toHaveLength(1);
    expect(await shown(tsdbt, "select region, region_id from {{ ref('regions') }}")).toEqual(oracleRows("prefixed-override", "regions"));
  }, 180000);

  it("runs a snapshot through an overridden build_snapshot_table and keeps dbt-core's history", async () => {
    const dir = project(engine, uniqueSchemaName("mat_cloud_snap"), ["build-snapshot-table"]);
    dirs.push(dir);
    const tsdbt = tsdbtIn(dir);
    for (let i = 1; i <= 2; i++) expect((await tsdbt(["snapshot", "--vars", `{run: ${i}}`])).exitCode).toBe(0);
    const expected = oracleRows("build-snapshot-table", "prices_history").map((r) => ({ sku: r.sku, price: r.price, is_current: r.dbt_valid_to === null, loaded_by: r.loaded_by }));
    const rows = await shown(tsdbt, "select sku, price, dbt_valid_to is null as is_current, loaded_by from {{ ref('prices_history') }}");
    expect(rows).toEqual(expected.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  }, 180000);
});
