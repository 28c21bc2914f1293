/**
 * Command-line behaviours tested through the CLI (issue 18): --state, --fail-fast, --full-refresh,
 * --threads, --profile/--target, show --limit, DBT_PROJECT_DIR, init NAME postgres, and Ctrl-C.
 * Expected values are literals or what the DuckDB file holds afterwards, read outside tsdbt.
 * Needs the built CLI: `npx tsc --build packages/cli`.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, DUCKDB_FILE, makeProject, removeAllProjects, runApi, runBin, warehouseRelations, type FixtureProject } from "./helpers/fixture-project";

afterAll(removeAllProjects);

interface RunResults {
  results: { unique_id: string; status: string; thread_id: string; message: string | null }[];
}

const runResults = (p: FixtureProject): RunResults => JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as RunResults;
const statuses = (p: FixtureProject) => Object.fromEntries(runResults(p).results.map((r) => [r.unique_id.replace(/\.[0-9a-f]{10}$/, ""), r.status]));

/** Rows of a query on the project's DuckDB file, read-only and outside tsdbt. */
async function query(p: FixtureProject, sql: string): Promise<unknown[][]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require("@duckdb/node-api") as typeof import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(p.file(DUCKDB_FILE), { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRows().map((r) => r.map((v) => (typeof v === "bigint" ? Number(v) : v)));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Listing of `ls --resource-type … --output name`-like runs: the printed lines, sorted. */
async function lsLines(p: FixtureProject, args: string[]): Promise<string[]> {
  const r = await runApi(["ls", "--quiet", ...args], { project: p });
  expect(r.exitCode).toBe(0);
  return r.stdout.split("\n").map((l) => l.trim()).filter(Boolean).sort();
}

describe("--state", () => {
  test("state:modified after an edit selects only the edited model and its tests", async () => {
    const p = makeProject();
    expect((await runApi(["parse"], { project: p })).exitCode).toBe(0);
    fs.mkdirSync(p.file("prod"));
    fs.copyFileSync(p.file("target/manifest.json"), p.file("prod/manifest.json"));
    p.write({ "models/customers.sql": "select 1 as id, 'bob' as name\n" });
    expect(await lsLines(p, ["--select", "state:modified", "--state", "prod"])).toEqual(["fixture.customers", "fixture.not_null_customers_id", "fixture.unique_customers_id"]);
    // nothing else changed: the other models are not selected
    expect(await lsLines(p, ["--select", "state:modified", "--state", "prod", "--resource-type", "model"])).toEqual(["fixture.customers"]);
  });
});

describe("--fail-fast", () => {
  test("a failing first node stops the run: the rest are skipped in run_results.json", async () => {
    const p = makeProject({ "models/schema.yml": null, "models/customers.sql": "select * from no_such_table\n" });
    // one thread: customers runs first and fails; orders does not depend on it, so only --fail-fast skips it
    const r = await runApi(["run", "--fail-fast", "--threads", "1"], { project: p });
    expect(r.exitCode).toBe(1);
    const results = runResults(p).results.map((x) => [x.unique_id, x.status, x.message]);
    expect(results).toContainEqual(["model.fixture.customers", "error", expect.stringContaining("no_such_table")]);
    // dbt 1.10's record of a node --fail-fast kept from running
    expect(results).toContainEqual(["model.fixture.orders", "skipped", "Skipping due to fail_fast"]);
    expect(statuses(p)).toEqual({ "model.fixture.customers": "error", "model.fixture.orders": "skipped", "model.fixture.customer_orders": "skipped" });
    expect(await warehouseRelations(p)).toEqual([]);
  });
});

describe("--full-refresh", () => {
  test("rebuilds an incremental model from scratch: rows of earlier runs are gone", async () => {
    const model = (value: string) =>
      `{{ config(materialized='incremental') }}\nselect ${value} as v\n{% if is_incremental() %}where ${value} > (select max(v) from {{ this }}){% endif %}\n`;
    const p = makeProject({ "models/schema.yml": null, "models/events.sql": model("1") });
    expect((await runApi(["run", "--select", "events"], { project: p })).exitCode).toBe(0);
    p.write({ "models/events.sql": model("2") });
    expect((await runApi(["run", "--select", "events"], { project: p })).exitCode).toBe(0);
    expect(await query(p, "select v from main.events order by v")).toEqual([[1], [2]]);
    p.write({ "models/events.sql": model("3") });
    expect((await runApi(["run", "--select", "events", "--full-refresh"], { project: p })).exitCode).toBe(0);
    expect(await query(p, "select v from main.events order by v")).toEqual([[3]]);
  });
});

describe("--threads", () => {
  test("run_results.json names the worker threads used, never more than --threads", async () => {
    const p = makeProject({ "models/schema.yml": null, "models/d.sql": "select 4 as v\n", "models/e.sql": "select 5 as v\n" });
    expect((await runApi(["run", "--threads", "1"], { project: p })).exitCode).toBe(0);
    expect([...new Set(runResults(p).results.map((r) => r.thread_id))]).toEqual(["Thread-1 (worker)"]);
    expect((await runApi(["run", "--threads", "3"], { project: p })).exitCode).toBe(0);
    const threads = new Set(runResults(p).results.map((r) => r.thread_id));
    for (const t of threads) expect(["Thread-1 (worker)", "Thread-2 (worker)", "Thread-3 (worker)"]).toContain(t);
  });
});

describe("--profile and --target", () => {
  test("pick the profile and output named, whatever dbt_project.yml and the profile's target: say", async () => {
    const profiles = [
      "fixture:",
      "  target: dev",
      "  outputs:",
      "    dev: {type: duckdb, path: target/dev.duckdb, threads: 1}",
      "    ci: {type: duckdb, path: target/ci.duckdb, threads: 1}",
      "other:",
      "  target: main",
      "  outputs:",
      "    main: {type: duckdb, path: target/other.duckdb, threads: 1, schema: elsewhere}",
      "",
    ].join("\n");
    const p = makeProject({ "profiles.yml": profiles, "models/schema.yml": null });
    expect((await runApi(["run", "--select", "customers", "--target", "ci"], { project: p })).exitCode).toBe(0);
    expect(fs.existsSync(p.file("target/ci.duckdb"))).toBe(true);
    expect(fs.existsSync(p.file("target/dev.duckdb"))).toBe(false);
    expect((await runApi(["run", "--select", "customers", "--profile", "other"], { project: p })).exitCode).toBe(0);
    expect(fs.existsSync(p.file("target/other.duckdb"))).toBe(true);
    expect(fs.existsSync(p.file("target/dev.duckdb"))).toBe(false);
    const r = await runApi(["run", "--select", "customers", "--target", "prod"], { project: p });
    expect(r.exitCode).toBe(2);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["TSDBT-E006"]);
  });
});

describe("show --limit", () => {
  test("prints at most --limit rows of the model", async () => {
    const p = makeProject({ "models/schema.yml": null, "models/numbers.sql": "select * from (values (1), (2), (3), (4), (5)) t(n) order by n\n" });
    const r = await runApi(["show", "--select", "numbers", "--limit", "2", "--output", "json"], { project: p });
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("{"))) as { show: unknown[] };
    expect(json.show).toEqual([{ n: 1 }, { n: 2 }]);
  });
});

describe("DBT_PROJECT_DIR", () => {
  test("names the project when --project-dir is not given", async () => {
    const p = makeProject({ "models/schema.yml": null });
    const r = await runBin(["parse", "--profiles-dir", p.dir], { env: { DBT_PROJECT_DIR: p.dir }, projectFlags: false });
    expect(r.exitCode).toBe(0);
    expect(fs.existsSync(p.file("target/manifest.json"))).toBe(true);
  });
});

describe("init NAME postgres", () => {
  test("writes a PostgreSQL starter project named NAME", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-init-"));
    try {
      const r = await runBin(["init", "shop_pg", "postgres"], { projectFlags: false, cwd });
      expect(r.exitCode).toBe(0);
      const project = fs.readFileSync(path.join(cwd, "shop_pg", "dbt_project.yml"), "utf8");
      expect(project).toMatch(/^name: '?shop_pg'?$/m);
      expect(project).not.toContain("__PROJECT_NAME__");
      const profiles = fs.readFileSync(path.join(cwd, "shop_pg", "profiles.yml"), "utf8");
      expect(profiles).toMatch(/^shop_pg:$/m);
      expect(profiles).toMatch(/type: postgres/);
      expect(profiles).toContain("schema: \"{{ env_var('PGSCHEMA', 'shop_pg') }}\"");
      const files = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
      expect(files(path.join(cwd, "shop_pg")).sort()).toEqual([
        ".gitignore",
        "README.md",
        "analyses/.gitkeep",
        "dbt_project.yml",
        "macros/.gitkeep",
        "models/example/my_first_model.sql",
        "models/example/my_second_model.sql",
        "models/example/schema.yml",
        "profiles.yml",
        "seeds/.gitkeep",
        "snapshots/.gitkeep",
        "tests/.gitkeep",
      ]);
      // a parse needs no server: the project and its profile are valid as written
      const parsed = await runBin(["parse"], { projectFlags: false, cwd: path.join(cwd, "shop_pg") });
      expect(parsed.exitCode).toBe(0);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe("Ctrl-C", () => {
  /** Starts `tsdbt run` in a child; `waitFor` resolves once its stdout and stderr so far match a pattern. */
  function start(p: FixtureProject) {
    const child = spawn(process.execPath, [BIN, "run", "--project-dir", p.dir, "--profiles-dir", p.dir, "--threads", "2"], { cwd: p.dir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const waiters: { pattern: RegExp; resolve: () => void }[] = [];
    const onData = (d: Buffer) => {
      output += d.toString();
      for (const w of waiters.splice(0)) if (w.pattern.test(output)) w.resolve();
      else waiters.push(w);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const waitFor = (pattern: RegExp) => new Promise<void>((resolve) => (pattern.test(output) ? resolve() : waiters.push({ pattern, resolve })));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    return { child, waitFor, exited };
  }

  const LONG = "{{ config(materialized='table') }}\nselect sum(i * i % 7) as v from range(100000000000) t(i)\n";

  test("stops a long build: exit code 2 as dbt, run_results.json written, the previous table kept", async () => {
    const p = makeProject({ "models/schema.yml": null, "models/slow.sql": "{{ config(materialized='table') }}\nselect 1 as v\n" });
    expect((await runApi(["run", "--select", "slow"], { project: p })).exitCode).toBe(0);
    p.write({ "models/slow.sql": LONG });
    const run = start(p);
    await run.waitFor(/START sql table model main\.slow/);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(2);
    const results = statuses(p);
    expect(results["model.fixture.slow"]).toBe("error");
    // the table from before the interrupted run is still there, with its rows
    expect(await query(p, "select v from main.slow")).toEqual([[1]]);
  });
  // a second Ctrl-C is tested in packages/cli/src/main.test.ts: through a child process it races
  // the end of the stopped run (DuckDB interrupts every statement within milliseconds)
});

describe("a parse that fails", () => {
  test("still prints the warnings found before the error, warnings first", async () => {
    const p = makeProject({
      "models/extra.yml": "models:\n  - name: no_such_model\n    description: describes nothing\n",
      "models/broken.sql": "select * from {{ ref('missing_model') }}\n",
    });
    const r = await runApi(["parse"], { project: p });
    expect(r.exitCode).toBe(2);
    const warning = r.stdout.indexOf("TSDBT-W010");
    const error = r.stdout.indexOf("TSDBT-E012");
    expect(warning).toBeGreaterThan(-1);
    expect(error).toBeGreaterThan(warning);
  });
});

describe("compile's run_results.json", () => {
  test("lists a selected seed as dbt 1.10 does: success, nothing compiled, no relation", async () => {
    const p = makeProject({ "seeds/raw_people.csv": "id,name\n1,ann\n" });
    expect((await runApi(["compile", "-s", "raw_people", "customers"], { project: p })).exitCode).toBe(0);
    const written = JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: Record<string, unknown>[] };
    const byId = Object.fromEntries(written.results.map((r) => [r.unique_id, r]));
    // what dbt-core 1.10 writes for `dbt compile -s <seed> <model>` (oracle, PostgreSQL)
    expect(byId["seed.fixture.raw_people"]).toMatchObject({ status: "success", adapter_response: {}, message: null, failures: null, compiled: null, compiled_code: null, relation_name: null, batch_results: null });
    expect(byId["model.fixture.customers"]).toMatchObject({ status: "success", message: null, compiled: true, batch_results: null });
  });
});

describe("compile and the warehouse", () => {
  // dbt-core 1.10 on PostgreSQL (oracle): BEGIN, the statements, ROLLBACK; no table is left
  test("rolls back what a node's templates send while it compiles, and `run` keeps it", async () => {
    const model = [
      "{% if execute %}",
      "{% do run_query('create table made_by_run_query as select 1 as x') %}",
      "{% call statement('s') %}create table made_by_statement as select 1 as x{% endcall %}",
      "{% do adapter.execute('create table made_by_execute as select 1 as x') %}",
      "{% set cols = adapter.get_columns_in_relation(ref('customers')) %}",
      "{% endif %}",
      "select 1 as id",
      "",
    ].join("\n");
    const p = makeProject({ "models/schema.yml": null, "models/maker.sql": model });
    expect((await runApi(["run", "-s", "customers"], { project: p })).exitCode).toBe(0);
    expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/maker.sql"), "utf8").trim()).toBe("select 1 as id");
    expect((await warehouseRelations(p)).filter((r) => r.includes("made_by"))).toEqual([]);
    // a run commits them with the model, as dbt's materialization does
    expect((await runApi(["run", "-s", "maker"], { project: p })).exitCode).toBe(0);
    expect((await warehouseRelations(p)).filter((r) => r.includes("made_by"))).toEqual(["main.made_by_execute", "main.made_by_run_query", "main.made_by_statement"]);
  });
});
