/**
 * The CLI's commands and output formats through the public Node API: ls outputs,
 * compile --inline, JSON logs, show, run-operation, retry, clean, init, debug,
 * and two invocations at once.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

/** The JSON value a command printed last: dbt (and tsdbt) print it indented, over several lines, after the log lines. */
const lastJson = (stdout: string): string => stdout.slice(stdout.lastIndexOf("\n{") + 1);

afterAll(() => removeAllProjects());

describe("tsdbt ls", () => {
  it("prints selectors, names, paths and JSON lines with chosen keys", async () => {
    const p = makeProject();
    const selector = await runApi(["-q", "ls", "-s", "+customer_orders", "--resource-type", "model"], { project: p });
    expect(selector.stdout.split("\n")).toEqual(["fixture.customer_orders", "fixture.customers", "fixture.orders"]);
    const names = await runApi(["ls", "-q", "--select", "customers", "--output", "name"], { project: p });
    expect(names.stdout.split("\n").sort()).toEqual(["customers", "not_null_customers_id", "unique_customers_id"]);
    const paths = await runApi(["ls", "-q", "-s", "orders", "--output", "path", "--resource-type", "model"], { project: p });
    expect(paths.stdout).toBe("models/orders.sql");
    const json = await runApi(["ls", "--quiet", "-s", "customers", "--resource-type", "model", "--output", "json", "--output-keys", "name", "resource_type"], { project: p });
    expect(JSON.parse(json.stdout)).toEqual({ name: "customers", resource_type: "model" });
  });

  it("accepts flags before the command, as dbt does", async () => {
    const p = makeProject();
    const r = await runApi(["--project-dir", p.dir, "--profiles-dir", p.dir, "-q", "ls", "--output", "name", "-s", "orders", "--resource-type", "model"], { projectFlags: false });
    expect(r.stdout).toBe("orders");
  });
});

describe("manifest.json after commands that only read the project", () => {
  // dbt-core 1.10 writes target/manifest.json for ls, show, run-operation and source freshness too
  // (observed: each leaves it in an emptied target/), and none with --no-write-json
  it.each([
    ["ls", ["-q", "ls"]],
    ["show", ["show", "--inline", "select 1 as a"]],
    ["run-operation", ["run-operation", "noop"]],
    ["source freshness", ["source", "freshness"]],
  ])("%s writes it, with the project's nodes; not with --no-write-json", async (_name, args) => {
    const p = makeProject({ "macros/noop.sql": "{% macro noop() %}{% endmacro %}\n" });
    const r = await runApi(args, { project: p });
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8"));
    expect(Object.keys(manifest.nodes)).toContain("model.fixture.customer_orders");
    fs.rmSync(p.file("target"), { recursive: true, force: true });
    expect((await runApi([...args, "--no-write-json"], { project: p })).exitCode).toBe(0);
    expect(fs.existsSync(p.file("target/manifest.json"))).toBe(false);
  });

  it("ls after compile leaves the parse's manifest, without compiled SQL, as dbt's ls does", async () => {
    const p = makeProject();
    expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8")).nodes["model.fixture.orders"].compiled_code).toBeDefined();
    expect((await runApi(["-q", "ls"], { project: p })).exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8")).nodes["model.fixture.orders"].compiled_code).toBeUndefined();
  });
});

describe("tsdbt compile", () => {
  it("compiles an inline query in the project's context and prints {compiled} with --output json", async () => {
    const p = makeProject();
    const r = await runApi(["compile", "--inline", "select {{ cents_to_dollars('x') }} from {{ ref('orders') }}", "--output", "json"], { project: p });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(lastJson(r.stdout))).toEqual({ compiled: 'select (x / 100.0) from "t"."main"."orders"' });
    expect(fs.existsSync(p.file("target/t.duckdb"))).toBe(false);
  });

  it("writes compiled SQL under target/compiled and a manifest, with no warehouse connection", async () => {
    const p = makeProject();
    const r = await runApi(["compile"], { project: p });
    expect(r.exitCode).toBe(0);
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/customer_orders.sql"), "utf8")).toContain('from "t"."main"."customers" c');
    expect(fs.existsSync(p.file("target/manifest.json"))).toBe(true);
    expect(fs.existsSync(p.file("target/t.duckdb"))).toBe(false);
  });

  it("with --select prints each compiled node whose name is part of the first selection argument, as dbt-core does", async () => {
    // dbt-core 1.10.23: `-s m` prints m (not its tests), `-s m+` prints m, `-s m m2` prints m only
    const p = makeProject();
    const printed = async (...select: string[]) => [...(await runApi(["compile", "-s", ...select], { project: p })).stdout.matchAll(/Compiled node '([^']+)' is:/g)].map((m) => m[1]);
    expect(await printed("customers")).toEqual(["customers"]);
    expect(await printed("customers+")).toEqual(["customers"]);
    expect(await printed("customers", "orders")).toEqual(["customers"]);
    expect(await printed("customer_orders")).toEqual(["customer_orders"]);
  });
});

describe("tsdbt compile with a node that fails", () => {
  it("still writes the others' SQL, the manifest and run_results.json (success and error per node), then exits 2", async () => {
    const p = makeProject();
    fs.writeFileSync(p.file("models/broken.sql"), "select {{ exceptions.raise_compiler_error('no such thing') if execute else 1 }} as x\n");
    const r = await runApi(["compile"], { project: p });
    expect(r.exitCode).toBe(2);
    const results = JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")).results as { unique_id: string; status: string; message: string | null }[];
    expect(results.find((x) => x.unique_id === "model.fixture.broken")).toMatchObject({ status: "error", message: "no such thing. (in model.fixture.broken)" });
    expect(results.find((x) => x.unique_id === "model.fixture.customer_orders")).toMatchObject({ status: "success", message: null });
    const manifest = JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8"));
    expect(manifest.nodes["model.fixture.customer_orders"].compiled_code).toContain('from "t"."main"."customers" c');
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/customer_orders.sql"), "utf8")).toContain('from "t"."main"."customers" c');
  });
});

describe("tsdbt run with --log-format json", () => {
  it("prints one dbt-shaped JSON object per line, node events carrying node_info", async () => {
    const p = makeProject();
    const r = await runApi(["run", "--log-format", "json"], { project: p });
    expect(r.exitCode).toBe(0);
    const events = r.stdout.split("\n").map((l) => JSON.parse(l));
    for (const e of events) expect(Object.keys(e.info).sort()).toEqual(["category", "code", "extra", "invocation_id", "level", "msg", "name", "pid", "thread", "ts"]);
    const finished = events.filter((e) => e.info.name === "LogModelResult");
    expect(finished.map((e) => e.data.node_info.unique_id).sort()).toEqual(["model.fixture.customer_orders", "model.fixture.customers", "model.fixture.orders"]);
    expect(finished[0].data.node_info).toMatchObject({ node_status: "success", resource_type: "model", materialized: "view" });
    expect(events.at(-1).info).toMatchObject({ name: "StatsLine", code: "Z023", msg: "Done. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3" });
  });
});

describe("show, run-operation, retry", () => {
  it("show previews a model's rows; run-operation calls a macro against the target", async () => {
    const p = makeProject({ "macros/count_rows.sql": "{% macro count_rows(rel) %}{% set r = run_query('select count(*) as n from ' ~ ref(rel)) %}{{ log('rows: ' ~ r.columns[0].values()[0], info=True) }}{% endmacro %}" });
    expect((await runApi(["run"], { project: p })).exitCode).toBe(0);
    // customers has tests; selecting it still shows the model, not its tests
    const model = await runApi(["show", "-s", "customers", "--output", "json"], { project: p });
    expect(JSON.parse(lastJson(model.stdout))).toEqual({ node: "customers", show: [{ id: 1, name: "ann" }] });
    const show = await runApi(["show", "-s", "customer_orders", "--output", "json"], { project: p });
    expect(JSON.parse(lastJson(show.stdout))).toEqual({ node: "customer_orders", show: [{ id: 1, n: 1 }] });
    const op = await runApi(["run-operation", "count_rows", "--args", "{rel: orders}"], { project: p });
    expect(op.exitCode).toBe(0);
    expect(op.stdout).toContain("rows: 1");
  });

  it("run-operation renders the macro with `model` set to the macro's manifest entry, as dbt-core does", async () => {
    const p = makeProject({ "macros/whoami.sql": "{% macro whoami() %}{{ log(model.unique_id ~ ' ' ~ model.resource_type ~ ' ' ~ model.original_file_path, info=True) }}{% endmacro %}" });
    const op = await runApi(["run-operation", "whoami"], { project: p });
    expect(op.exitCode).toBe(0);
    // dbt-core 1.10.23 logs: macro.<project>.whoami macro macros/whoami.sql
    expect(op.stdout).toContain("macro.fixture.whoami macro macros/whoami.sql");
  });

  // dbt-core 1.10.23: a macro that raises or whose query the warehouse refuses exits 1; a macro that does not exist, 2
  it("run-operation exits 1 when the operation fails, 2 when there is no such macro, as dbt does", async () => {
    const p = makeProject({ "macros/ops.sql": "{% macro boom() %}{{ exceptions.raise_compiler_error('boom') }}{% endmacro %}\n{% macro bad_query() %}{% do run_query('select * from no_such_table_x') %}{% endmacro %}\n" });
    const raised = await runApi(["run-operation", "boom"], { project: p });
    expect(raised.exitCode).toBe(1);
    expect(raised.output).toContain("boom");
    const refused = await runApi(["run-operation", "bad_query"], { project: p });
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toContain("no_such_table_x");
    expect((await runApi(["run-operation", "no_such_macro"], { project: p })).exitCode).toBe(2);
  });

  // dbt-core 1.10.23 + dbt-postgres, `show --select m --limit 1` and `show --inline "select 42 as answer"`: one
  // success result, unique_id the node's (inline: sql_operation.<project>.inline_query, no relation), compiled,
  // message and failures null, timing compile and execute, "SELECT 1" with rows_affected 1, the limited SQL as
  // compiled_code; args.which "show" with the limit; a show that fails (exit 2) leaves the file as it was
  it("show writes run_results.json with one result for what it showed, as dbt does", async () => {
    const p = makeProject();
    expect((await runApi(["run"], { project: p })).exitCode).toBe(0);
    const read = () => JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: Record<string, unknown>[]; args: Record<string, unknown> };
    const fact = (r: Record<string, unknown>) => [r.unique_id, r.status, r.message, r.failures, r.thread_id, r.compiled, r.relation_name, (r.timing as { name: string }[]).map((t) => t.name), (r.adapter_response as { rows_affected: number }).rows_affected];
    expect((await runApi(["show", "-s", "customers", "--limit", "1"], { project: p })).exitCode).toBe(0);
    const model = read();
    expect(model.results.map(fact)).toEqual([["model.fixture.customers", "success", null, null, "Thread-1 (worker)", true, expect.stringContaining('"customers"'), ["compile", "execute"], 1]]);
    expect(model.results[0].compiled_code).toMatch(/limit 1\s*$/i);
    expect(model.args).toMatchObject({ which: "show", limit: 1, select: ["customers"] });
    expect((await runApi(["show", "--inline", "select 42 as answer"], { project: p })).exitCode).toBe(0);
    const inline = read();
    expect(inline.results.map(fact)).toEqual([["sql_operation.fixture.inline_query", "success", null, null, "Thread-1 (worker)", true, null, ["compile", "execute"], 1]]);
    expect(inline.results[0].compiled_code).toMatch(/select 42 as answer[\s\S]*limit 5\s*$/i);
    expect((await runApi(["show", "--inline", "select * from no_such_table_x"], { project: p })).exitCode).not.toBe(0);
    expect(read()).toEqual(inline);
  });

  // dbt-core 1.10.23's run_results.json after `run-operation boom` and `run-operation show_results --args '{results: []}'`
  it("run-operation writes run_results.json with one result for the macro, as dbt does", async () => {
    const p = makeProject({ "macros/ops.sql": "{% macro boom() %}{{ exceptions.raise_compiler_error('boom') }}{% endmacro %}\n{% macro echo(results) %}{{ results }}{% endmacro %}\n" });
    const read = () => JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: Record<string, unknown>[]; args: Record<string, unknown> };
    const fact = (r: Record<string, unknown>) => [r.unique_id, r.status, r.message, r.failures, r.thread_id, r.adapter_response, r.compiled, r.relation_name, (r.timing as { name: string }[]).map((t) => t.name)];
    expect((await runApi(["run-operation", "echo", "--args", "{results: []}"], { project: p })).exitCode).toBe(0);
    const ok = read();
    expect(ok.results.map(fact)).toEqual([["macro.fixture.echo", "success", null, 0, "MainThread", {}, false, null, ["compile", "execute"]]]);
    expect([ok.args.which, ok.args.macro, ok.args.args]).toEqual(["run-operation", "echo", { results: [] }]);
    expect((await runApi(["run-operation", "boom"], { project: p })).exitCode).toBe(1);
    const failed = read();
    expect(failed.results.map(fact)).toEqual([["macro.fixture.boom", "error", null, 1, "MainThread", {}, false, null, ["compile", "execute"]]]);
    expect("args" in failed.args).toBe(false);
  });

  it("retry re-runs only what failed or was skipped last time", async () => {
    const p = makeProject({ "models/orders.sql": "select 10 as order_id, 1 as customer_id from no_such_table" });
    const first = await runApi(["run"], { project: p });
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toContain("Done. PASS=1 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=3");
    fs.writeFileSync(p.file("models/orders.sql"), "select 10 as order_id, 1 as customer_id\n");
    const retry = await runApi(["retry"], { project: p });
    expect(retry.exitCode).toBe(0);
    expect(retry.stdout).toContain("Done. PASS=2 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=2");
  });
});

describe("init, clean, debug", () => {
  it("init scaffolds a DuckDB project that builds", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-init-"));
    const { invoke } = require("tsdbt") as typeof import("tsdbt");
    const quiet = { write: () => undefined, cwd };
    expect((await invoke(["init", "my_shop"], quiet)).exitCode).toBe(0);
    expect(fs.readFileSync(path.join(cwd, "my_shop", "dbt_project.yml"), "utf8")).toContain("name: 'my_shop'");
    const build = await invoke(["build", "--project-dir", path.join(cwd, "my_shop"), "--profiles-dir", path.join(cwd, "my_shop")], quiet);
    expect(build.exitCode).toBe(0);
    expect((await invoke(["init", "my_shop"], quiet)).exitCode).toBe(2);
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it("clean removes the clean-targets; debug checks the connection", async () => {
    const p = makeProject();
    expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
    p.write({ "dbt_project.yml": fs.readFileSync(p.file("dbt_project.yml"), "utf8") + "clean-targets: [target, logs]\n" });
    expect(fs.existsSync(p.file("logs/dbt.log"))).toBe(true);
    expect((await runApi(["clean"], { project: p })).exitCode).toBe(0);
    expect(fs.existsSync(p.file("target"))).toBe(false);
    expect(fs.existsSync(p.file("logs"))).toBe(false);
    const debug = await runApi(["debug"], { project: p });
    expect(debug.exitCode).toBe(0);
    expect(debug.stdout).toContain("All checks passed!");
  });
});

describe("tsdbt deps", () => {
  it("installs local packages into dbt_packages so their macros work, and says clearly when the hub cannot be reached", async () => {
    const p = makeProject({
      "packages.yml": "packages:\n  - local: ../shared_macros\n",
      "../shared_macros/dbt_project.yml": "name: shared_macros\n",
      "../shared_macros/macros/shout.sql": "{% macro shout(x) %}upper({{ x }}){% endmacro %}\n",
      "models/loud.sql": "select {{ shared_macros.shout(\"'hi'\") }} as greeting\n",
    });
    const deps = await runApi(["deps"], { project: p });
    expect(deps.exitCode).toBe(0);
    expect(fs.existsSync(p.file("dbt_packages/shared_macros/macros/shout.sql"))).toBe(true);
    const compiled = await runApi(["compile", "--inline", "select {{ shared_macros.shout(\"'x'\") }}", "--output", "json"], { project: p });
    expect(JSON.parse(lastJson(compiled.stdout))).toEqual({ compiled: "select upper('x')" });

    fs.writeFileSync(p.file("packages.yml"), "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n");
    const hub = await runApi(["deps"], { project: p, env: { DBT_PACKAGE_HUB_URL: "http://127.0.0.1:1/" } });
    expect(hub.exitCode).toBe(2);
    expect(hub.diagnostics[0]).toMatchObject({ code: "TSDBT-E060" });
    expect(hub.diagnostics[0]!.hint).toContain("DBT_PACKAGE_HUB_URL");
  });
});

describe("help and version", () => {
  it("prints usage for --help and for no arguments, and the version for --version, exit 0", async () => {
    const help = await runApi(["--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tsdbt <command> \[flags\]/);
    expect(help.stdout).toContain("run-operation  Call a macro.");
    expect((await runApi([])).stdout).toBe(help.stdout);
    const version = await runApi(["--version"]);
    expect(version.stdout).toMatch(/^tsdbt \d+\.\d+\.\d+$/);
  });
});

describe("the Node API", () => {
  it("returns the warnings a successful command printed", async () => {
    const p = makeProject({ "models/schema.yml": "version: 2\nmodels:\n  - name: no_such_model\n" });
    const { invoke } = require("tsdbt") as typeof import("tsdbt");
    const r = await invoke(["parse", "--project-dir", p.dir, "--profiles-dir", p.dir], { write: () => undefined });
    expect(r.exitCode).toBe(0);
    expect(r.warnings.map((w) => [w.code, w.file, w.line])).toEqual([["TSDBT-W010", "models/schema.yml", 3]]);
  });

  it("runs two invocations at once without sharing state", async () => {
    const a = makeProject();
    const b = makeProject({ "models/orders.sql": "select 20 as order_id, 1 as customer_id union all select 21, 1\n" });
    const [ra, rb] = await Promise.all([runApi(["run"], { project: a }), runApi(["run"], { project: b })]);
    expect([ra.exitCode, rb.exitCode]).toEqual([0, 0]);
    const [sa, sb] = await Promise.all([
      runApi(["show", "-s", "customer_orders", "--output", "json"], { project: a }),
      runApi(["show", "-s", "customer_orders", "--output", "json"], { project: b }),
    ]);
    expect(JSON.parse(lastJson(sa.stdout)).show).toEqual([{ id: 1, n: 1 }]);
    expect(JSON.parse(lastJson(sb.stdout)).show).toEqual([{ id: 1, n: 2 }]);
  });
});
