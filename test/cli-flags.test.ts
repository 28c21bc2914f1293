/**
 * dbt's logging and command-line behaviour that CI scripts and orchestrators rely on:
 * logs/dbt.log, log levels and formats, colours, --warn-error, selection warnings, `ls -m`,
 * --exclude-resource-type, flags tsdbt does not act on yet, per-command --help.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

/** The JSON value a command printed last: dbt (and tsdbt) print it indented, over several lines, after the log lines. */
const lastJson = (stdout: string): string => stdout.slice(stdout.lastIndexOf("\n{") + 1);

afterAll(() => removeAllProjects());

const ANSI = /\u001b\[\d+m/;

describe("logs/dbt.log", () => {
  it("is written under the project at debug level, with dbt's banner and debug lines", async () => {
    const p = makeProject();
    expect((await runApi(["run"], { project: p })).exitCode).toBe(0);
    const log = fs.readFileSync(p.file("logs/dbt.log"), "utf8");
    expect(log).toMatch(/={30} \d\d:\d\d:\d\d\.\d{6} \| [0-9a-f-]{36} ={30}/);
    expect(log).toMatch(/\d\d:\d\d:\d\d\.\d{6} \[debug\] \[Thread-1 \(\]: Began running node model\.fixture\.customers/);
    expect(log).toMatch(/\[info \] \[MainThread\]: Done\. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3/);
    expect(log).not.toMatch(ANSI);
    // a second invocation appends
    await runApi(["parse"], { project: p });
    expect(fs.readFileSync(p.file("logs/dbt.log"), "utf8").match(/={30} /g)).toHaveLength(2);
  });

  it("goes where --log-path or DBT_LOG_PATH says, as JSON with --log-format-file json, and nowhere with --log-level-file none", async () => {
    const p = makeProject();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-logs-"));
    await runApi(["parse", "--log-path", dir, "--log-format-file", "json"], { project: p });
    const lines = fs.readFileSync(path.join(dir, "dbt.log"), "utf8").trim().split("\n");
    expect(JSON.parse(lines[0]!).info).toMatchObject({ name: "MainReportVersion", code: "A001" });
    await runApi(["parse"], { project: p, env: { DBT_LOG_PATH: path.join(dir, "env") } });
    expect(fs.existsSync(path.join(dir, "env", "dbt.log"))).toBe(true);
    await runApi(["parse", "--log-level-file", "none"], { project: p });
    expect(fs.existsSync(p.file("logs"))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("console output", () => {
  it("follows --log-level, -d/--debug and --printer-width; colours only when asked (or on a terminal)", async () => {
    const p = makeProject();
    const warnOnly = await runApi(["run", "--log-level", "warn"], { project: p });
    expect(warnOnly.stdout).toBe("");
    const debug = await runApi(["run", "-d"], { project: p });
    expect(debug.stdout).toMatch(/^\d\d:\d\d:\d\d {2}Began running node model\.fixture\.customers$/m);
    expect((await runApi(["run", "--log-format", "debug"], { project: p })).stdout).toMatch(/\[info \] \[Thread-1 \(\]: 1 of 3 START/);
    const plain = await runApi(["run", "--printer-width", "100"], { project: p });
    expect(plain.stdout).not.toMatch(ANSI);
    const start = plain.stdout.split("\n").find((l) => l.includes("START sql view model main.customers"))!;
    expect(start.replace(/^\d\d:\d\d:\d\d {2}/, "")).toHaveLength(100 + " [RUN]".length);
    const colored = await runApi(["run", "--use-colors"], { project: p });
    expect(colored.stdout).toContain("[\u001b[32mCREATE VIEW\u001b[0m in ");
    expect((await runApi(["run"], { project: p, env: { DBT_USE_COLORS: "true" } })).stdout).toMatch(ANSI);
  });

  it("never prints the value of a DBT_ENV_SECRET_* variable, on the console or in dbt.log", async () => {
    const p = makeProject({ "macros/say.sql": "{% macro say() %}{{ log('token is hunter2-xyz', info=True) }}{% endmacro %}" });
    const r = await runApi(["run-operation", "say", "--vars", "{token: hunter2-xyz}", "--log-format-file", "json"], { project: p, env: { DBT_ENV_SECRET_TOKEN: "hunter2-xyz" } });
    expect(r.stdout).toContain("token is *****");
    expect(r.stdout).not.toContain("hunter2");
    expect(fs.readFileSync(p.file("logs/dbt.log"), "utf8")).not.toContain("hunter2");
  });

  it("prints a command's own flags for `<command> --help`", async () => {
    const run = await runApi(["run", "--help"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Usage: tsdbt run \[flags\]/);
    expect(run.stdout).toContain("--full-refresh");
    expect(run.stdout).not.toContain("--output-keys");
    expect((await runApi(["ls", "--help"])).stdout).toContain("--output-keys");
  });
});

describe("selection", () => {
  it("warns that a criterion matches nothing, and stops with exit code 2 under --warn-error", async () => {
    const p = makeProject();
    const typo = await runApi(["run", "-s", "fct_order"], { project: p });
    expect(typo.exitCode).toBe(0);
    expect(typo.stdout).toContain("The selection criterion 'fct_order' does not match any enabled nodes");
    expect(typo.stdout).toContain("Nothing to do. Try checking your model configs and model specification args");
    const strict = await runApi(["run", "-s", "fct_order", "--warn-error"], { project: p });
    expect(strict.exitCode).toBe(2);
    expect(strict.stdout).toContain("Encountered an error:\nCompilation Error\n  The selection criterion 'fct_order' does not match any enabled nodes");
    const named = await runApi(["run", "-s", "fct_order", "--warn-error-options", '{"error": ["NoNodesForSelectionCriteria"]}'], { project: p });
    expect(named.exitCode).toBe(2);
    const silenced = await runApi(["run", "-s", "fct_order", "orders", "--warn-error-options", "{error: all, silence: [NoNodesForSelectionCriteria]}"], { project: p });
    expect(silenced.exitCode).toBe(0);
    expect(silenced.stdout).not.toContain("does not match");
    expect(silenced.stdout).toContain("1 of 1 OK created sql view model main.orders");
  });

  it("turns a project warning into an error with --warn-error, and leaves it a warning when --warn-error-options says warn", async () => {
    const p = makeProject({ "models/schema.yml": "version: 2\nmodels:\n  - name: no_such_model\n" });
    expect((await runApi(["parse"], { project: p })).exitCode).toBe(0);
    const strict = await runApi(["parse", "--warn-error"], { project: p });
    expect(strict.exitCode).toBe(2);
    expect(strict.stdout).toContain("Encountered an error:\nCompilation Error\n  models/schema.yml:3:");
    expect((await runApi(["parse", "--warn-error-options", "{error: all, warn: [TsdbtWarning]}"], { project: p })).exitCode).toBe(0);
  });

  it("`ls -m` lists models only (dbt 1.10); --exclude-resource-type leaves a type out", async () => {
    const p = makeProject();
    expect((await runApi(["ls", "-q", "-m", "customers"], { project: p })).stdout).toBe("fixture.customers");
    expect((await runApi(["ls", "-q", "-s", "customers"], { project: p })).stdout.split("\n")).toHaveLength(3);
    expect((await runApi(["ls", "-q", "-s", "customers", "--exclude-resource-type", "test"], { project: p })).stdout).toBe("fixture.customers");
    const build = await runApi(["build", "--exclude-resource-type", "test"], { project: p });
    expect(build.stdout).toContain("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3");
  });
});

describe("flags tsdbt does not act on", () => {
  it("accepts dbt's flags that have no meaning here, and warns (no error) about those it does not support yet", async () => {
    const p = makeProject();
    const noop = await runApi(["run", "--no-version-check", "--no-send-anonymous-usage-stats", "--cache-selected-only", "--no-populate-cache", "--no-static-parser", "--log-cache-events"], { project: p });
    expect(noop.exitCode).toBe(0);
    expect(noop.stdout).not.toContain("not supported");
    const later = await runApi(["run", "--sample", "3 days"], { project: p });
    expect(later.exitCode).toBe(0);
    expect(later.stdout).toContain("--sample is not supported by tsdbt yet");
    const compile = await runApi(["compile", "--defer", "--state", "target"], { project: p });
    expect(compile.exitCode).toBe(0);
    expect(compile.stdout).toContain("--defer is not supported by tsdbt yet");
  });

  it("records DBT_ENV_CUSTOM_ENV_* in run_results.json's metadata.env, as dbt does", async () => {
    const p = makeProject();
    expect((await runApi(["run", "-s", "orders"], { project: p, env: { DBT_ENV_CUSTOM_ENV_RUN_REASON: "nightly" } })).exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")).metadata.env).toEqual({ RUN_REASON: "nightly" });
  });

  it("--no-write-json writes no run_results.json", async () => {
    const p = makeProject();
    expect((await runApi(["run", "--no-write-json"], { project: p })).exitCode).toBe(0);
    expect(fs.existsSync(p.file("target/run_results.json"))).toBe(false);
  });
});

describe("tsdbt clone", () => {
  it("makes the target's relations views of --state's, leaves existing ones alone, and needs --state", async () => {
    const p = makeProject({
      "profiles.yml": ["fixture:", "  target: dev", "  outputs:", "    dev:", "      type: duckdb", "      path: target/t.duckdb", "      threads: 1", "    clone:", "      type: duckdb", "      path: target/t.duckdb", "      schema: cloned", "      threads: 1", ""].join("\n"),
    });
    expect((await runApi(["run"], { project: p })).exitCode).toBe(0);
    fs.cpSync(p.file("target"), p.file("prod-state"), { recursive: true, filter: (f) => !f.endsWith(".duckdb") && !f.endsWith(".wal") });
    expect((await runApi(["clone", "-t", "clone"], { project: p })).diagnostics[0]).toMatchObject({ code: "TSDBT-E092" });
    const clone = await runApi(["clone", "-t", "clone", "--state", "prod-state", "--target-path", "target-clone"], { project: p });
    expect(clone.exitCode).toBe(0);
    expect(clone.stdout).toContain("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3");
    const rows = await runApi(["show", "-t", "clone", "--inline", "select * from {{ ref('customer_orders') }}", "--output", "json", "--target-path", "target-clone"], { project: p });
    expect(JSON.parse(lastJson(rows.stdout)).show).toEqual([{ id: 1, n: 1 }]);
    const again = await runApi(["clone", "-t", "clone", "--state", "prod-state", "--target-path", "target-clone"], { project: p });
    expect(again.stdout).toContain('Relation "t"."cloned"."customers" already exists');
    const results = JSON.parse(fs.readFileSync(p.file("target-clone/run_results.json"), "utf8")) as { results: { status: string; message: string }[] };
    expect(results.results.map((r) => [r.status, r.message])).toEqual([["success", "No-op"], ["success", "No-op"], ["success", "No-op"]]);
  });
});

describe("--store-failures", () => {
  it("keeps a failing test's rows in a table of the audit schema and points at it, as dbt does", async () => {
    const p = makeProject({
      "models/orders.sql": "select 10 as order_id union all select 10 union all select 11\n",
      "models/schema.yml": "version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: order_id\n        data_tests: [unique, not_null]\n",
    });
    const build = await runApi(["build", "-s", "orders", "--store-failures"], { project: p });
    expect(build.exitCode).toBe(1);
    const query = 'select * from "t"."main_dbt_test__audit"."unique_orders_order_id"';
    expect(build.stdout).toContain(`  See test failures:\n  ${"-".repeat(query.length)}\n  ${query}\n  ${"-".repeat(query.length)}`);
    // the build's run_results.json (read before `show`, which writes its own, as dbt's does)
    const results = JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; relation_name: string | null }[] };
    expect(results.results.find((r) => r.unique_id.startsWith("test.fixture.unique_orders"))!.relation_name).toBe('"t"."main_dbt_test__audit"."unique_orders_order_id"');
    const rows = await runApi(["show", "--inline", "select * from main_dbt_test__audit.unique_orders_order_id", "--output", "json"], { project: p });
    expect(JSON.parse(lastJson(rows.stdout)).show).toEqual([{ unique_field: 10, n_records: 2 }]);
    // without the flag nothing is stored, unless the test's config asks
    const plain = await runApi(["test", "-s", "orders"], { project: p });
    expect(plain.stdout).not.toContain("See test failures");
  });
});

describe("smaller dbt flags", () => {
  it("`debug --config-dir` says where profiles.yml is; `seed --show` prints the rows loaded", async () => {
    const p = makeProject({ "seeds/cities.csv": "id,name\n1,Lyon\n2,Turin\n" });
    const debug = await runApi(["debug", "--config-dir"], { project: p });
    expect(debug.exitCode).toBe(0);
    expect(debug.stdout).toContain(`To view your profiles.yml file, run:\n\n`);
    expect(debug.stdout).toContain(p.dir);
    const direct = await runApi(["show", "--inline-direct", "select '{{ x }}' as raw", "--output", "json"], { project: p });
    expect(JSON.parse(lastJson(direct.stdout)).show).toEqual([{ raw: "{{ x }}" }]);
    const seed = await runApi(["seed", "--show"], { project: p });
    expect(seed.exitCode).toBe(0);
    const header = "Random sample of table: main.cities";
    expect(seed.stdout).toContain(`${header}\n${"-".repeat(header.length)}\n| id | name  |\n| -- | ----- |\n`);
    expect(seed.stdout).toMatch(/\| 1  \| Lyon  \|/);
  });
});

describe("--defer", () => {
  const profiles = ["fixture:", "  target: dev", "  outputs:", "    dev:", "      type: duckdb", "      path: target/t.duckdb", "      threads: 1", "    prod:", "      type: duckdb", "      path: target/t.duckdb", "      schema: prod", "      threads: 1", ""].join("\n");

  it("resolves refs to unselected nodes missing from the target to --state's relations; --favor-state even when they exist", async () => {
    const p = makeProject({ "profiles.yml": profiles });
    expect((await runApi(["run", "-t", "prod", "--target-path", "prod-target"], { project: p })).exitCode).toBe(0);
    const alone = await runApi(["run", "-s", "customer_orders"], { project: p });
    expect(alone.exitCode).toBe(1);
    const deferred = await runApi(["run", "-s", "customer_orders", "--defer", "--state", "prod-target"], { project: p });
    expect(deferred.exitCode).toBe(0);
    expect(deferred.stdout).not.toContain("not supported");
    const compiled = () => fs.readFileSync(p.file("target/compiled/fixture/models/customer_orders.sql"), "utf8");
    expect(compiled()).toContain('from "t"."prod"."customers" c');
    // the manifest written after the run keeps the project's own relations
    const manifest = JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8")) as { nodes: Record<string, { schema: string }> };
    expect(manifest.nodes["model.fixture.customers"]!.schema).toBe("main");
    // once dev has its own customers, --defer uses them and --favor-state still prefers prod's
    expect((await runApi(["run", "-s", "customers", "orders"], { project: p })).exitCode).toBe(0);
    await runApi(["run", "-s", "customer_orders", "--defer", "--state", "prod-target"], { project: p });
    expect(compiled()).toContain('from "t"."main"."customers" c');
    await runApi(["run", "-s", "customer_orders", "--defer", "--favor-state", "--state", "prod-target"], { project: p });
    expect(compiled()).toContain('from "t"."prod"."customers" c');
  });
});

describe("--empty", () => {
  it("builds models from zero-row refs, as dbt renders them", async () => {
    // (as with dbt, a table alias written after the ref would follow dbt's own subquery alias)
    const p = makeProject({ "models/customer_orders.sql": "select id, 1 as n from {{ ref('customers') }}\n" });
    const run = await runApi(["run", "--empty"], { project: p });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain("not supported");
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/customer_orders.sql"), "utf8")).toContain('from (select * from "t"."main"."customers" where false limit 0) _dbt_limit_subq_customers');
    const rows = await runApi(["show", "--inline", "select count(*) as n from main.customer_orders", "--output", "json"], { project: p });
    expect(JSON.parse(lastJson(rows.stdout)).show).toEqual([{ n: 0 }]);
    expect((await runApi(["compile", "--empty", "-s", "customer_orders"], { project: p })).stdout).toContain("_dbt_limit_subq_customers");
  });
});

describe("flags in templates", () => {
  // dbt-core 1.10 printed `lead-results|lead-results/logs|` for `dbt compile --project-dir lead-results
  // --profiles-dir lead-results --threads 2 --inline …` run from the folder above the project
  it("name the folders as the command line gave them, the logs under the project, and no THREADS", async () => {
    const p = makeProject();
    const parent = path.dirname(p.dir);
    const name = path.basename(p.dir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { invoke } = require("tsdbt") as typeof import("tsdbt");
    const out: string[] = [];
    const r = await invoke(["-q", "compile", "--project-dir", name, "--profiles-dir", name, "--threads", "2", "--inline", "{{ flags.PROFILES_DIR }}|{{ flags.LOG_PATH }}|{{ flags.THREADS }}"], {
      cwd: parent,
      write: (line) => out.push(line),
    });
    expect(r.exitCode).toBe(0);
    expect(out.join("\n").trim().split("\n").pop()).toBe(`${name}|${name}/logs|`);
  });
});
