/**
 * Numbers in `run_query` and `statement` results, as templates see them: dbt's agate table holds
 * a warehouse's integers as ints and its numeric and float values as Python Decimals (`1.50`,
 * `Decimal('1.50')`, `3.0` for a whole double), which compute as Python's decimal module does
 * (`1.50 * 2` is `3.00`, `7 / 3` has 28 digits, a float operand is a TypeError) and which
 * `tojson` refuses. Expected: what dbt-core 1.10 + dbt-postgres logged for the same macros on
 * PostgreSQL (test/fixtures/run-query-numbers/oracle.json, from record-oracle.mjs there); on
 * DuckDB, what Python's duckdb driver gives (DECIMAL as an exact Decimal, DOUBLE as a float).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestPostgres, uniqueSchemaName, type TestPostgres } from "@tsdbt/adapter-tests";

const FIXTURE = path.join(__dirname, "fixtures", "run-query-numbers");
const oracle = JSON.parse(fs.readFileSync(path.join(FIXTURE, "oracle.json"), "utf8")) as { lines: string[]; errors: Record<string, { exitCode: number; message: string }> };

let pg: TestPostgres;
const dirs: string[] = [];
beforeAll(async () => {
  pg = await startTestPostgres();
}, 120000);
afterAll(async () => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  await pg?.stop();
});

function project(target: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-numbers-"));
  dirs.push(dir);
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.endsWith(".json") && !src.endsWith(".mjs") });
  fs.writeFileSync(path.join(dir, "profiles.yml"), ["run_query_numbers:", "  target: dev", "  outputs:", "    dev:", ...target.map((l) => `      ${l}`), ""].join("\n"));
  return dir;
}

const postgresProject = () => project(["type: postgres", `host: ${pg.host}`, `port: ${pg.port}`, `user: ${pg.user}`, `password: "${pg.password}"`, `dbname: ${pg.database}`, `schema: ${uniqueSchemaName("numbers")}`, "threads: 1"]);

/** `tsdbt run-operation …`: exit code and the lines it printed, without their time. */
async function runOperation(dir: string, args: string[]): Promise<{ exitCode: number; lines: string[] }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { invoke } = require("tsdbt") as typeof import("tsdbt");
  const printed: string[] = [];
  const result = await invoke(["run-operation", ...args, "--project-dir", dir, "--profiles-dir", dir], { cwd: dir, write: (text: string) => printed.push(text) });
  return { exitCode: result.exitCode, lines: printed.join("\n").split("\n").map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/, "")) };
}

describe("run_query numbers on PostgreSQL, as dbt-core's agate table holds them", () => {
  it("prints, converts, computes and compares them as dbt does", async () => {
    const run = await runOperation(postgresProject(), ["numbers"]);
    expect(run.exitCode).toBe(0);
    expect(run.lines.filter((l) => l.startsWith("NUM "))).toEqual(oracle.lines);
  }, 60000);

  it.each(Object.keys(oracle.errors))("fails as dbt does: %s", async (kind) => {
    const run = await runOperation(postgresProject(), ["number_error", "--args", `{kind: ${kind}}`]);
    expect(run.exitCode).toBe(oracle.errors[kind]!.exitCode);
    expect(run.lines.join("\n")).toContain(oracle.errors[kind]!.message);
  }, 60000);
});

describe("run_query numbers on DuckDB", () => {
  it("holds DECIMAL values as exact Decimals, DOUBLE values as Decimals of the float, integers as ints", async () => {
    const dir = project(["type: duckdb", "path: warehouse.duckdb", "threads: 1"]);
    fs.writeFileSync(
      path.join(dir, "macros", "duckdb_numbers.sql"),
      `{% macro duckdb_numbers() %}
{% set row = run_query("select 1.50::decimal(10,2) as n, 12345678901234567890.123::decimal(38,3) as long, 2.5::double as d, 3::double as d3, 7::integer as i, 1.5::decimal(4,1) * 2 as twice, avg(x) as avg, null::decimal(5,2) as nn from (values (1), (2)) v(x)").rows[0] %}
{{ log("DUCK " ~ row | list, info=True) }}
{{ log("DUCK " ~ [row['n'] * 2, row['long'] + 1, row['d'] + 1, row['i'] / 2, row['n'] / 3] | join(" "), info=True) }}
{% endmacro %}`,
    );
    const run = await runOperation(dir, ["duckdb_numbers"]);
    expect(run.exitCode).toBe(0);
    expect(run.lines.filter((l) => l.startsWith("DUCK "))).toEqual([
      "DUCK [Decimal('1.50'), Decimal('12345678901234567890.123'), Decimal('2.5'), Decimal('3.0'), 7, Decimal('3.0'), Decimal('1.5'), None]",
      "DUCK 3.00 12345678901234567891.123 3.5 3.5 0.50",
    ]);
  }, 60000);
});
