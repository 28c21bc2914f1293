/**
 * End-to-end: model contracts through the public CLI API on PostgreSQL (TSDBT_PG_URL, else PGlite),
 * against what real dbt-core 1.10 + dbt-postgres did with the same projects (golden files in
 * test/fixtures/model-contracts, recorded by record-oracle.mjs there):
 * - project/: tables, a view and an incremental model with enforced contracts, column and model
 *   constraints (not_null, unique, primary_key, check, foreign_key to a ref(), custom), a model
 *   whose columns break its contract, one without data types, one without columns, a view that
 *   breaks its contract and a table whose rows break a not_null constraint; run twice;
 * - jinja/: a project's override of get_table_columns_and_constraints and its own materialization
 *   built on dbt's contract macros;
 * - parse-errors/: contracts dbt refuses at parse.
 * Compared: the exit codes, each node's status and message (dbt's macro stack and the "compiled
 * code at" line left out), the statements that check the contract and create the typed table
 * (reduced as test/helpers/statement-golden.ts reduces them), and the tables' columns and
 * constraints read back from the catalog after the second run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { DuckDBInstance } from "@duckdb/node-api";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";
import { normalizeStatement, type RunNames } from "./helpers/statement-golden";
import { writePostgresProfile } from "./helpers/postgres-profile";

const FIXTURES = path.join(__dirname, "fixtures", "model-contracts");

interface NodeGolden {
  status: string;
  message: string;
  statements: string[];
}
interface RunGolden {
  exitCode: number;
  warnings: string[];
  nodes: Record<string, NodeGolden>;
}
interface ProjectGolden {
  schema: string;
  runs: RunGolden[];
  ddl: Record<string, { columns: string[]; constraints: string[] }>;
}

const golden = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name, "oracle.postgres.json"), "utf8")) as ProjectGolden;

let pg: TestPostgres;
const dirs: string[] = [];
beforeAll(async () => {
  pg = await startTestPostgres();
}, 120000);
afterAll(async () => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  await pg?.stop();
});

async function query(sql: string): Promise<string[]> {
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
  await client.connect();
  try {
    return (await client.query({ text: sql, rowMode: "array" })).rows.map((r) => String(r[0]));
  } finally {
    await client.end();
  }
}

function copyProject(name: string, schema: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tsdbt-contracts-${name.replace(/\W/g, "-")}-`));
  dirs.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  writePostgresProfile(dir, "contracts", pg, schema, "dev");
  return dir;
}

interface Run {
  exitCode: number;
  warnings: string[];
  nodes: Record<string, NodeGolden>;
}

/** One `tsdbt run` (or `parse`): exit code, warnings, and per node its status, message and statements. */
async function tsdbt(dir: string, args: string[]): Promise<Run> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const statements: Record<string, string[]> = {};
  const warnings: string[] = [];
  const printed: string[] = [];
  const result = await invoke([...args, "--project-dir", dir, "--profiles-dir", dir], {
    cwd: dir,
    write: (text: string) => printed.push(text),
    onEvent: (e) => {
      const node = e.data?.conn_name as string | undefined;
      if (e.name === "SQLQuery" && node) (statements[node] ??= []).push(String(e.data?.sql));
      if (e.level === "warn") warnings.push(e.msg);
    },
  });
  const resultsFile = path.join(dir, "target", "run_results.json");
  const results = args[0] === "run" && fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, "utf8")).results as { unique_id: string; status: string; message: string | null }[]) : [];
  if (args[0] === "run") fs.renameSync(resultsFile, `${resultsFile}.${Date.now()}`);
  return {
    exitCode: result.exitCode,
    warnings: [...warnings, ...printed],
    nodes: Object.fromEntries(results.map((r) => [r.unique_id, { status: r.status, message: r.message ?? "", statements: statements[r.unique_id] ?? [] }])),
  };
}

/**
 * A node's message as compared: without the "compiled code at" line, relation names without their
 * build suffix (dbt fills `x__dbt_tmp`, tsdbt builds `x` in place). Two differences of tsdbt's that
 * are not the contracts' own are read away: its adapter responses leave out PostgreSQL's OID
 * (`INSERT 1` for the server's `INSERT 0 1`), and its database errors the server's DETAIL line.
 */
const comparableMessage = (message: string) =>
  message
    .split("\n")
    .filter((l) => !/^\s*(compiled code at |DETAIL: )/.test(l))
    .join("\n")
    .replace(/__(?:tsdbt|dbt)_tmp\d*/g, "")
    .replace(/^INSERT 0 (\d+)$/, "INSERT $1")
    .trimEnd();

/** The statements that check a contract (`… as __dbt_sbq where false limit 0`) or create a typed table (`create table x (…) ; insert …`), reduced. */
function contractStatements(statements: readonly string[], names: RunNames): string[] {
  return statements
    .map((s) => normalizeStatement(s.replace(/^\/\*[\s\S]*?\*\/\s*/, ""), names).replace(/__dbt_tmp/g, ""))
    .filter((s) => /as __dbt_sbq where false limit 0$/.test(s) || /^create table "?\w+"? (\/\*[^*]*\*\/ )?\(/.test(s));
}

async function ddlOf(schema: string, tables: string[]): Promise<ProjectGolden["ddl"]> {
  const out: ProjectGolden["ddl"] = {};
  for (const t of tables) {
    out[t] = {
      columns: await query(`select column_name || ' ' || data_type || ' ' || is_nullable from information_schema.columns where table_schema = '${schema}' and table_name = '${t}' order by ordinal_position`),
      // (PostgreSQL 18, which PGlite runs, also lists not-null columns there as contype 'n'; the columns' nullability is checked above)
      constraints: (await query(`select contype::text || ' ' || pg_get_constraintdef(c.oid) from pg_constraint c where c.conrelid = '"${schema}"."${t}"'::regclass and c.contype <> 'n' order by 1`)).map((c) => c.split(`${schema}.`).join("")),
    };
  }
  return out;
}

describe.each(["project", "jinja"])("model contracts of %s/ on PostgreSQL, as dbt-core 1.10 keeps them", (name) => {
  const expected = golden(name);
  let schema: string;
  const runs: Run[] = [];
  beforeAll(async () => {
    schema = uniqueSchemaName(`contracts_${name}`);
    const dir = copyProject(name, schema);
    for (let i = 0; i < 2; i++) runs.push(await tsdbt(dir, ["run", "--vars", `{run: ${i + 1}}`]));
  }, 180000);
  afterAll(async () => {
    await query(`drop schema if exists "${schema}" cascade`);
  });

  it.each([0, 1])("run %i exits with dbt's code, each node with dbt's status and message", (i) => {
    expect(runs[i]!.exitCode).toBe(expected.runs[i]!.exitCode);
    const statuses = (nodes: Record<string, NodeGolden>) => Object.fromEntries(Object.entries(nodes).map(([id, n]) => [id, [n.status, comparableMessage(n.message)]]));
    expect(statuses(runs[i]!.nodes)).toEqual(statuses(expected.runs[i]!.nodes));
  });

  it.each([0, 1])("run %i sends dbt's contract checks and typed DDL", (i) => {
    const ours = { database: pg.database, schema };
    const theirs = { database: "test", schema: expected.schema };
    for (const [id, node] of Object.entries(expected.runs[i]!.nodes)) {
      expect([id, contractStatements(runs[i]!.nodes[id]!.statements, ours)]).toEqual([id, contractStatements(node.statements, theirs)]);
    }
  });

  it("warns as dbt does: constraints on a materialization that cannot apply them, numeric without precision", () => {
    for (const warning of expected.runs[0]!.warnings) {
      const text = warning.replace(/^\[WARNING\]: /, "");
      expect(runs[0]!.warnings.some((w) => w.includes(text))).toBe(true);
    }
  });

  it("leaves tables with dbt's columns and constraints", async () => {
    const tables = await query(`select table_name from information_schema.tables where table_schema = '${schema}' and table_type = 'BASE TABLE' order by 1`);
    expect(await ddlOf(schema, tables)).toEqual(expected.ddl);
  });
});

describe("model contracts of project/ on DuckDB, through the CLI", () => {
  it("checks each model as DuckDB types its columns, builds typed tables with enforced constraints, and exits 1 for the broken ones", async () => {
    const dir = copyProject("project", "main");
    fs.writeFileSync(path.join(dir, "profiles.yml"), "contracts:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse.duckdb\n      schema: main\n      threads: 1\n");
    const run = await tsdbt(dir, ["run", "--vars", "{run: 1}"]);
    expect(run.exitCode).toBe(1);
    const status = Object.fromEntries(Object.entries(run.nodes).map(([id, n]) => [id.replace("model.contracts.", ""), n.status]));
    expect(status).toEqual({
      parent: "success",
      bad_types: "error",
      bad_view: "error",
      checked_view: "success",
      // DuckDB's numeric is DECIMAL(18,3): the query's numeric(5,2) breaks the contract here, not on PostgreSQL
      child: "error",
      custom_constraints: "success",
      events: "success",
      no_columns: "error",
      no_type: "error",
      null_id: "error",
    });
    expect(run.nodes["model.contracts.child"]!.message).toContain("| amount      | DECIMAL(5,2)    | DECIMAL(18,3) | data type mismatch |");
    expect(run.nodes["model.contracts.null_id"]!.message).toMatch(/^Database Error in model null_id \(models\/null_id\.sql\)\n  Constraint Error: NOT NULL constraint failed: null_id\.id/);
    const db = await DuckDBInstance.create(path.join(dir, "warehouse.duckdb"));
    const connection = await db.connect();
    try {
      const read = async (sql: string) => (await (await connection.run(sql)).getRowObjects()).map((r) => Object.values(r).join(" "));
      expect(await read("select table_name from information_schema.tables where table_schema = 'main' order by 1")).toEqual(["checked_view", "custom_constraints", "events", "parent"]);
      expect(await read("select column_name, data_type, is_nullable from information_schema.columns where table_name = 'parent' order by ordinal_position")).toEqual(["id INTEGER NO", "code VARCHAR YES"]);
      expect(await read("select constraint_type, constraint_text from duckdb_constraints() where table_name in ('parent', 'custom_constraints') order by 1, 2")).toEqual([
        "CHECK CHECK((code != ''))",
        "CHECK CHECK((id > 0))",
        "CHECK CHECK((other > 0))",
        "NOT NULL NOT NULL",
        "PRIMARY KEY PRIMARY KEY(id)",
        "UNIQUE UNIQUE(code)",
      ]);
    } finally {
      connection.closeSync();
    }
  });
});

describe("contracts dbt-core 1.10 refuses at parse", () => {
  const cases = (JSON.parse(fs.readFileSync(path.join(FIXTURES, "parse-errors", "oracle.postgres.json"), "utf8")) as { cases: Record<string, { exitCode: number; error: string }> }).cases;
  it.each(Object.keys(cases))("%s: exit code 2 with dbt's sentence", async (name) => {
    const dir = copyProject(path.join("parse-errors", name), "contracts_parse");
    const run = await tsdbt(dir, ["parse"]);
    expect(run.exitCode).toBe(cases[name]!.exitCode);
    // dbt's text after "Parsing Error" (and its "at path []:" prefix), line by line
    const sentences = cases[name]!.error.split("\n").slice(1).map((l) => l.trim().replace(/^at path \[\]: /, ""));
    const printed = run.warnings.join("\n");
    for (const sentence of sentences) expect(printed).toContain(sentence);
    expect(printed).toContain("TSDBT-E037");
  });
});
