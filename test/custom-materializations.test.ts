/**
 * End-to-end: the ways dbt users extend materializations — a custom materialization, a custom
 * incremental strategy, an override of create_table_as, an override of get_merge_sql and an
 * adapter-prefixed override, overrides of snapshot_merge_sql and build_snapshot_table — built twice
 * (first build, then rebuild / incremental run / second snapshot, with `--vars {run: 1}` then
 * `{run: 2}`) on DuckDB and PostgreSQL (TSDBT_PG_URL, else PGlite) through the public Node API. The
 * statements sent (dbt's debug log events) must be the ones real dbt-core 1.10 sent for the same
 * project on PostgreSQL (golden files in test/fixtures/materialization-oracle, reduced as
 * test/helpers/statement-golden.ts explains), and the tables must hold the same rows.
 *
 * Snapshot cases: the statements the project's override renders must be dbt's, word for word; the
 * others come from tsdbt's own defaults of dbt's snapshot macros (written for tsdbt, so their SQL
 * differs in form) and must be the same statements in the same order on the same relations. The
 * default-strategy case (no override, no incremental_strategy) compares that way too: tsdbt's
 * TypeScript delete+insert / append against dbt-postgres' default. In commit-then-fail a hook
 * outside the transaction fails after `adapter.commit()`: the node errors in both tools, and what
 * was committed stays. In custom-seed the project's own seed materialization reads the CSV with
 * load_agate_table() and inserts it with adapter.add_query(…, bindings=…); seed-load-macros builds one
 * from dbt's create_csv_table, reset_csv_table and load_csv_rows. In wrapped-builtins the root
 * project's table, view and incremental materializations wrap dbt's built-ins
 * (`dbt.materialization_table_default.call_macro()`, a `context.update` of `sql`, a macro passed as
 * a value): tsdbt's Jinja versions of the built-ins must send dbt's statements.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { DuckDBInstance } from "@duckdb/node-api";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { dropPostgresSchema } from "./helpers/postgres-profile";
import { significantStatements, type OracleGolden, type RunNames } from "./helpers/statement-golden";

const FIXTURES = path.join(__dirname, "fixtures", "materialization-oracle");
const CASES = fs.readdirSync(FIXTURES).filter((d) => fs.existsSync(path.join(FIXTURES, d, "oracle.postgres.json")));

/**
 * What a case's statements on DuckDB leave out of dbt's PostgreSQL statements: the index case
 * overrides `postgres__get_create_index_sql`, and DuckDB (like dbt-duckdb) creates no indexes; nor
 * has it grants (dbt-duckdb warns and sends none).
 */
const NOT_ON_DUCKDB: Record<string, RegExp> = { "index-override": /^create (unique )?index\b/, "grant-sql-override": /^grant\b/ };

/**
 * What DuckDB gets that dbt's PostgreSQL run did not: PostgreSQL's `drop … cascade` of the old
 * table also drops the view reading it, DuckDB keeps such a view, so the second run's view
 * materialization finds it and moves it aside first (as dbt-duckdb's would).
 */
const ONLY_ON_DUCKDB: Record<string, RegExp> = { "wrapped-builtins": /^alter view "labelled_view" rename to "labelled_view__dbt_backup"$/ };

/**
 * dbt's PostgreSQL statements as they read on DuckDB: one change per `alter` (DuckDB takes no
 * more; dbt-duckdb sends one statement each), a view renamed with `alter view` (dbt-postgres
 * renames every relation with `alter table`, which DuckDB refuses for a view), and a text column
 * added with the type dbt's base Column gives a string of unknown size (DuckDB reports `VARCHAR`,
 * PostgreSQL `text`).
 */
function duckdbSpelling(sql: string): string[] {
  if (/^alter table "\w*view\w*" rename to /.test(sql)) return [sql.replace(/^alter table/, "alter view")];
  const m = /^(alter table \S+) (.*)$/.exec(sql);
  if (!m) return [sql];
  return m[2]!.split(", ").map((change) => `${m[1]} ${change.replace(/^(add column \S+) text$/, "$1 character varying(256)")}`);
}

/**
 * Cases whose statements are partly tsdbt's own: the statements rendered by the project's override
 * (this pattern) must equal dbt's exactly; all are compared by what they do to which relation
 * (statementHead). null: no override, every statement is compared that way.
 */
const OVERRIDE_STATEMENTS: Record<string, RegExp | null> = {
  // nothing is overridden: tsdbt's TypeScript strategy must do what dbt-postgres' default does
  "default-strategy": null,
  // the insert with bindings carries tsdbt's inline literals where dbt's log shows %s placeholders
  "custom-seed": /^(drop table|create table|insert into \S+ \(id, name\))/,
  "seed-load-macros": /^(create table|truncate)/,
  // the strategy is the project's macro; the statements are those of tsdbt's snapshot macros
  "custom-snapshot-strategy": null,
  "snapshot-new-record": null,
  // the scd id is the project's macro; the check strategy stamps versions with `updated_at`
  "check-updated-at": null,
  "snapshot-merge-override": /^update "orders_history" as snap\b/,
  "build-snapshot-table": /^create table "prices_history" as \(select initial\.\*/,
};

/**
 * Cases about one step only, whose other statements are tsdbt's TypeScript path (a first table
 * build creates the table directly where dbt renames a new one in): only the statements this
 * pattern matches are compared with dbt's.
 */
const STEP_STATEMENTS: Record<string, RegExp> = {
  "grant-sql-override": /^(grant|revoke)\b/,
  // run 1 is a table (tsdbt's TypeScript path); run 2's create_or_replace_view() drops it and creates the view
  "replaced-view": /^(drop table if exists "customer_names" cascade|create view |select 'after )/,
};

/**
 * Columns whose values are the run's own clock (a deletion record is stamped with the snapshot's
 * time): compared as set or null only.
 */
const CLOCK_COLUMNS: Record<string, string[]> = { "snapshot-new-record": ["dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_scd_id"] };

function masked(name: string, row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const column of CLOCK_COLUMNS[name] ?? []) out[column] = out[column] === null ? null : "(set)";
  return out;
}

/** The debug note each case's model must log: which path its build took. */
const EXPECTED_PATH: Record<string, (adapter: string) => RegExp> = {
  "custom-materialization": () => /runs the Jinja macro macro\.mat_custom_materialization\.materialization_refreshed_table_default/,
  "custom-strategy": () => /incremental strategy 'insert_new_keys' is the custom macro get_incremental_insert_new_keys_sql/,
  "create-table-as": () => /the table step renders the overriding macro\(s\) macro\.mat_create_table_as\.create_table_as/,
  "merge-override": () => /incremental strategy 'merge' renders the overriding macro\(s\) macro\.mat_merge_override\.get_merge_sql/,
  "index-override": () => /model\.mat_index_override\.page_views: indexes are created through get_create_index_sql/,
  "snapshot-new-record": () => /the snapshot's strategy 'status_changed' is the macro snapshot_status_changed_strategy/,
  "custom-snapshot-strategy": () => /the snapshot's strategy 'status_changed' is the macro snapshot_status_changed_strategy/,
  "grant-sql-override": (adapter) => (adapter === "postgres" ? /grants renders the overriding macro\(s\) macro\.mat_grant_sql_override\.postgres__get_grant_sql/ : /Grants for relations are not supported by duckdb/),
  "schema-change-macros": () => /runs the Jinja macro macro\.mat_schema_change_macros\.materialization_widening_log_default/,
  "prefixed-override": (adapter) => new RegExp(`the table step renders the overriding macro\\(s\\) macro\\.mat_prefixed_override\\.${adapter}__create_table_as`),
  "commit-then-fail": () => /model\.mat_commit_then_fail\.daily_totals: materialization 'swapped_table' runs the Jinja macro/,
  "default-strategy": () => /model\.mat_default_strategy\.account_balances: materialization 'incremental' runs tsdbt's built-in TypeScript strategy/,
  "snapshot-merge-override": () => /the snapshot renders the overriding macro\(s\) macro\.mat_snapshot_merge_override\.snapshot_merge_sql/,
  "custom-seed": () => /seed\.mat_custom_seed\.people: materialization 'seed' runs the Jinja macro macro\.mat_custom_seed\.materialization_seed_default/,
  "seed-load-macros": () => /seed\.mat_seed_load_macros\.cities: materialization 'seed' runs the Jinja macro/,
  "build-snapshot-table": () => /the snapshot renders the overriding macro\(s\) macro\.mat_build_snapshot_table\.build_snapshot_table/,
  "check-updated-at": () => /the snapshot renders the overriding macro\(s\) macro\.mat_check_updated_at\.snapshot_hash_arguments/,
  "replaced-view": () => /model\.mat_replaced_view\.customer_names: materialization 'replaced_view' runs the Jinja macro macro\.mat_replaced_view\.materialization_replaced_view_default/,
  "wrapped-builtins": () => /model\.mat_wrapped_builtins\.labelled: materialization 'table' runs the Jinja macro macro\.mat_wrapped_builtins\.materialization_table_default/,
};

/** The statements of one sent text (`delete …; insert …` is two), as the heads compare them. */
function splitStatements(sql: string): string[] {
  return sql.split(/;\s*(?=(?:create|alter|drop|insert|update|delete|merge|truncate|comment|grant)\b)/i).map((s) => s.trim());
}

/** What a statement does to which relation: `create table "x"`, `update "x"`, `insert into "x"`… */
function statementHead(sql: string): string {
  const m = /^((?:create|alter|drop)(?: or replace)?(?: temporary)? (?:table|view|index)|insert into|update|delete from|merge into|truncate(?: table)?|comment on \w+|grant \w+)(?: if (?:not )?exists)? ("[^"]+"|\S+)/i.exec(sql);
  return m ? `${m[1]} ${m[2]}` : sql;
}

let pg: TestPostgres;
const dirs: string[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  // the role the grants cases grant to (roles belong to the server: created once, kept)
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
  await client.connect();
  try {
    await client.query("do $$ begin create role tsdbt_reader_a; exception when duplicate_object then null; end $$");
  } finally {
    await client.end();
  }
}, 120000);

afterAll(async () => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  await pg?.stop();
});

function golden(name: string): OracleGolden {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name, "oracle.postgres.json"), "utf8")) as OracleGolden;
}

function profile(adapter: "duckdb" | "postgres", schema: string): string {
  const output =
    adapter === "duckdb"
      ? ["type: duckdb", "path: warehouse.duckdb", `schema: ${schema}`]
      : ["type: postgres", `host: ${pg.host}`, `port: ${pg.port}`, `user: ${pg.user}`, `password: "${pg.password}"`, `dbname: ${pg.database}`, `schema: ${schema}`];
  return ["mat_oracle:", "  target: dev", "  outputs:", "    dev:", ...output.map((l) => `      ${l}`), "      threads: 1", ""].join("\n");
}

interface Build {
  runs: string[][];
  notes: string[];
  names: RunNames;
  dir: string;
}

async function buildTwice(name: string, adapter: "duckdb" | "postgres", exitCodes: number[]): Promise<Build> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tsdbt-mat-${name}-`));
  dirs.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true, filter: (src) => !src.endsWith(".json") });
  const schema = uniqueSchemaName(`mat_${name.replace(/-/g, "_")}`);
  fs.writeFileSync(path.join(dir, "profiles.yml"), profile(adapter, schema));
  const command = fs.existsSync(path.join(dir, "snapshots")) ? "snapshot" : fs.existsSync(path.join(dir, "seeds")) && !fs.existsSync(path.join(dir, "models")) ? "seed" : "run";
  const runs: string[][] = [];
  const notes: string[] = [];
  for (let i = 0; i < 2; i++) {
    const statements: string[] = [];
    const result = await invoke([command, "--vars", `{run: ${i + 1}}`, "--project-dir", dir, "--profiles-dir", dir], {
      cwd: dir,
      write: () => undefined,
      onEvent: (e) => {
        if (e.name === "SQLQuery") statements.push(String(e.data?.sql));
        if (e.name === "MaterializationPath") notes.push(e.msg);
      },
    });
    expect(result.exitCode).toBe(exitCodes[i]);
    runs.push(statements);
  }
  return { runs, notes, names: { database: adapter === "duckdb" ? "warehouse" : pg.database, schema }, dir };
}

async function rowsOf(adapter: "duckdb" | "postgres", build: Build, table: string): Promise<Record<string, unknown>[]> {
  const sort = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r })).sort((a, b) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))));
  if (adapter === "postgres") {
    const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
    await client.connect();
    try {
      // as JSON, the way the golden file holds the rows (dates as ISO strings)
      return sort((await client.query(`select to_json(t) as row from "${build.names.schema}"."${table}" t`)).rows.map((r) => r.row as Record<string, unknown>));
    } finally {
      await client.end();
    }
  }
  const db = await DuckDBInstance.create(path.join(build.dir, "warehouse.duckdb"));
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(`select * from "${build.names.schema}"."${table}"`);
    // timestamps as PostgreSQL's to_json writes them ("2024-01-01T10:00:00"), as the golden file holds them
    const asJson = (v: unknown) => (typeof v === "string" && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(v) ? v.replace(" ", "T") : v);
    return sort((reader.getRowObjectsJson() as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, asJson(v)]))));
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

describe.each(["duckdb", "postgres"] as const)("materializations users extend, on %s, against dbt-core's statements", (adapter) => {
  it.each(CASES)("%s sends what dbt-core sends and leaves the same rows", async (name) => {
    const oracle = golden(name);
    const build = await buildTwice(name, adapter, oracle.exitCodes ?? [0, 0]);
    const oracleNames = { database: oracle.database, schema: oracle.schema };
    let overrideStatements = 0;
    for (let i = 0; i < 2; i++) {
      const left = adapter === "duckdb" ? NOT_ON_DUCKDB[name] : undefined;
      const dbtStatements = significantStatements(oracle.runs[i]!, oracleNames).filter((sql) => !left || !left.test(sql));
      const expected = adapter === "duckdb" ? dbtStatements.flatMap(duckdbSpelling) : dbtStatements;
      const extra = adapter === "duckdb" ? ONLY_ON_DUCKDB[name] : undefined;
      const sent = significantStatements(build.runs[i]!, build.names).filter((sql) => !extra || !extra.test(sql));
      const exact = OVERRIDE_STATEMENTS[name];
      const step = STEP_STATEMENTS[name];
      if (step) {
        expect(sent.filter((sql) => step.test(sql))).toEqual(expected.filter((sql) => step.test(sql)));
      } else if (exact !== undefined) {
        if (exact) {
          expect(sent.filter((sql) => exact.test(sql))).toEqual(expected.filter((sql) => exact.test(sql)));
          overrideStatements += expected.filter((sql) => exact.test(sql)).length;
        }
        expect(sent.flatMap(splitStatements).map(statementHead)).toEqual(expected.flatMap(splitStatements).map(statementHead));
      } else {
        expect(sent).toEqual(expected);
      }
    }
    if (OVERRIDE_STATEMENTS[name]) expect(overrideStatements).toBeGreaterThan(0);
    expect(build.notes.join("\n")).toMatch(EXPECTED_PATH[name]!(adapter));
    for (const table of oracle.relations) {
      const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => masked(name, r)).sort((a, b) => JSON.stringify(Object.values(a)).localeCompare(JSON.stringify(Object.values(b))));
      expect(sorted(await rowsOf(adapter, build, table))).toEqual(sorted(oracle.data[table]!));
    }
    if (adapter === "postgres") await dropPostgresSchema(pg, build.names.schema);
  }, 120000);
});
