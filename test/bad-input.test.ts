/**
 * End-to-end: what a user sees when the project or the command line is wrong. Each broken input
 * must stop the command with exit code 2, a stable code, a sentence naming the culprit, the
 * file:line:col where there is one, a hint where there is one, no JavaScript stack trace, and
 * nothing written to the warehouse. Drives only the public Node API and the real bin.
 * Needs the built CLI: `npx tsc --build packages/cli`.
 */
import * as fs from "node:fs";
import { DUCKDB_FILE, makeProject, removeAllProjects, runApi, runBin, stackFrames, warehouseRelations, type ApiDiagnostic, type ApiRun, type FixtureProject } from "./helpers/fixture-project";

afterAll(removeAllProjects);

/** The common shape of a clean failure; returns the diagnostic with `code`. */
function expectFailure(run: ApiRun, code: string, opts: { codeInText?: boolean } = {}): ApiDiagnostic {
  expect(run.exitCode).toBe(2);
  expect(run.diagnostics.map((d) => d.code)).toContain(code);
  // usage errors print "error: <sentence>" without the code today; the Node API carries it
  if (opts.codeInText !== false) expect(run.output).toContain(code);
  else expect(run.output).toMatch(/error/);
  expect(stackFrames(run.output)).toEqual([]);
  expect(run.output).not.toMatch(/Internal error|TSDBT-E999|Cannot read propert|is not a function|undefined is not/);
  return run.diagnostics.find((d) => d.code === code)!;
}

/** No DuckDB file, or one without tables. */
async function expectWarehouseUntouched(p: FixtureProject, before: string[] = []): Promise<void> {
  expect(await warehouseRelations(p)).toEqual(before);
}

describe("YAML syntax errors", () => {
  test("in a schema.yml: TSDBT-E001 at the broken line, with a hint", async () => {
    const p = makeProject({ "models/schema.yml": "version: 2\nmodels:\n  - name: customers\n    columns: [\n      - name: id\n" });
    const r = await runApi(["parse"], { project: p });
    const d = expectFailure(r, "TSDBT-E001");
    expect(d.file).toBe("models/schema.yml");
    expect(d.message).toContain("models/schema.yml");
    expect(d.line).toBe(5);
    expect(d.col).toBe(7);
    expect(d.hint).toMatch(/indentation/);
    expect(r.output).toContain("models/schema.yml:5:7: error TSDBT-E001");
  });

  test("in dbt_project.yml: TSDBT-E001 naming dbt_project.yml", async () => {
    const p = makeProject({ "dbt_project.yml": 'name: fixture\nversion: \'1.0.0\'\nprofile: fixture\nmodel-paths: ["models"\n' });
    const r = await runApi(["build"], { project: p });
    const d = expectFailure(r, "TSDBT-E001");
    expect(d.file).toBe("dbt_project.yml");
    expect(d.message).toContain("dbt_project.yml");
    expect(d.line).toBe(5); // the parser gives up after the unclosed [ of line 4
    expect(d.hint).toContain("indentation");
    await expectWarehouseUntouched(p);
    expect(fs.existsSync(p.file(DUCKDB_FILE))).toBe(false);
  });
});

test("unknown key in dbt_project.yml: warning TSDBT-W001 with the closest key, parse still succeeds", async () => {
  const p = makeProject({ "dbt_project.yml": 'name: fixture\nversion: \'1.0.0\'\nconfig-version: 2\nprofile: fixture\nmodel-pathz: ["models"]\n' });
  const r = await runApi(["parse"], { project: p });
  expect(r.exitCode).toBe(0);
  expect(r.output).toContain("dbt_project.yml:5:1: warning TSDBT-W001");
  expect(r.output).toMatch(/'model-pathz'.*[Dd]id you mean 'model-paths'\?/);
  expect(stackFrames(r.output)).toEqual([]);
  expect(fs.existsSync(p.file("target/manifest.json"))).toBe(true);
});

describe("Jinja syntax errors point into the template", () => {
  test("a broken expression: line and column of the model source", async () => {
    const p = makeProject({ "models/orders.sql": "select 1 as a,\n  {{ 1 + }} as b\n" });
    const r = await runApi(["parse"], { project: p });
    const d = expectFailure(r, "TSDBT-J001");
    expect(d).toMatchObject({ file: "models/orders.sql", line: 2, col: 10, nodeId: "model.fixture.orders" });
    expect(d.message).toMatch(/[Ee]xpected an expression, got '}}'/);
    expect(r.output).toContain("  2 |   {{ 1 + }} as b");
  });

  test("an unclosed {% for %}: names the block to close and does not point at 1:1", async () => {
    // today: models/orders.sql:1:1: error TSDBT-J001: Syntax error: unexpected end of file. (in model.fixture.orders)
    const p = makeProject({ "models/orders.sql": "select 1\n{% for x in [1, 2] %}\n, {{ x }}\n" });
    const r = await runApi(["parse"], { project: p });
    const d = expectFailure(r, "TSDBT-J001");
    expect(d.file).toBe("models/orders.sql");
    expect(d.line).toBe(2);
    expect(d.message).toMatch(/endfor/);
  });

  test("an unclosed {% if %}: a Jinja message, not a JavaScript TypeError", async () => {
    // today: models/orders.sql:1:1: error TSDBT-J001: Syntax error: Cannot read properties of null (reading 'value'). (in model.fixture.orders)
    const p = makeProject({ "models/orders.sql": "select 1\n{% if true %}\n, 2\n" });
    const r = await runApi(["parse"], { project: p });
    const d = expectFailure(r, "TSDBT-J001");
    expect(d.line).toBe(2);
    expect(d.message).toMatch(/endif/);
  });

  test("a syntax error in a macro no model calls is still reported by parse", async () => {
    // today: exit 0, "Found 3 models, 2 data tests, 74 macros", no diagnostic at all
    const p = makeProject({ "macros/bad.sql": "{% macro bad(x) %}\n{{ x + }}\n{% endmacro %}\n" });
    const r = await runApi(["parse"], { project: p });
    const d = expectFailure(r, "TSDBT-J001");
    expect(d).toMatchObject({ file: "macros/bad.sql", line: 2 });
  });
});

describe("undefined macro (TSDBT-E010 when the node compiles, TSDBT-W012 while parsing)", () => {
  test("parsing warns and goes on, as dbt's parse does: the node's later refs are recorded", async () => {
    const p = makeProject({ "models/orders.sql": "select\n  {{ cents_to_dolars('amount') }} as d\nfrom {{ ref('customers') }}\n" });
    const r = await runApi(["parse"], { project: p });
    expect(r.exitCode).toBe(0);
    // the warning is printed with its location, the line and the hint
    expect(r.output).toMatch(/models\/orders\.sql:2:21: warning TSDBT-W012: 'cents_to_dolars' is undefined[^\n]*fails when it is compiled or run \(in model\.fixture\.orders\)\./);
    expect(r.output).toContain("hint: Did you mean 'cents_to_dollars'?");
    const manifest = JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8")) as { nodes: Record<string, { depends_on: { nodes: string[] } }> };
    expect(manifest.nodes["model.fixture.orders"]!.depends_on.nodes).toEqual(["model.fixture.customers"]);
  });

  test("an undefined value used in arithmetic fails the parse, as in dbt", async () => {
    const p = makeProject({ "models/orders.sql": "select {{ nope() + 1 }}\n" });
    const r = await runApi(["parse"], { project: p });
    const d = expectFailure(r, "TSDBT-E010");
    expect(d).toMatchObject({ file: "models/orders.sql", line: 1 });
  });

  test("a near miss suggests the closest macro", async () => {
    const p = makeProject({ "models/orders.sql": "select\n  {{ cents_to_dolars('amount') }} as d\nfrom x\n" });
    const r = await runApi(["compile"], { project: p });
    const d = expectFailure(r, "TSDBT-E010");
    expect(d).toMatchObject({ file: "models/orders.sql", line: 2 });
    expect(d.col).toBe(21); // the call's `(`
    expect(d.message).toContain("'cents_to_dolars'");
    expect(d.hint).toContain("Did you mean 'cents_to_dollars'?");
  });

  test("a name close to nothing gets a generic hint, not a random suggestion", async () => {
    const p = makeProject({ "models/orders.sql": "select\n  {{ zzqqxx_thing() }}\n" });
    const r = await runApi(["compile"], { project: p });
    const d = expectFailure(r, "TSDBT-E010");
    expect(d.message).toContain("'zzqqxx_thing'");
    expect(d.hint).toBe("Define the macro in macros/, or install the package that provides it.");
    expect(d.hint).not.toMatch(/[Dd]id you mean/);
  });

  test("an undefined name inside a macro points at the macro file", async () => {
    const p = makeProject({
      "macros/m.sql": "{% macro m() %}\n{{ return(nonexistent_fn()) }}\n{% endmacro %}\n",
      "models/orders.sql": "select\n {{ m() }}\n",
    });
    const r = await runApi(["compile"], { project: p });
    const d = expectFailure(r, "TSDBT-E010");
    expect(d).toMatchObject({ file: "macros/m.sql", line: 2 });
    expect(d.message).toContain("model.fixture.orders");
  });
});

test("ref to a missing model: TSDBT-E012 at the ref call, with the closest model", async () => {
  const p = makeProject({ "models/orders.sql": "select *\nfrom {{ ref('customerz') }}\n" });
  const r = await runApi(["parse"], { project: p });
  const d = expectFailure(r, "TSDBT-E012");
  expect(d).toMatchObject({ file: "models/orders.sql", line: 2, col: 9 });
  expect(d.message).toContain("'customerz'");
  expect(d.message).toContain("model.fixture.orders");
  expect(d.hint).toContain("Did you mean 'customers'?");
  expect(r.output).toContain("models/orders.sql:2:9: error TSDBT-E012");
});

test("a generic test nobody defines: TSDBT-E026 at the test entry, with the closest test or the package to install", async () => {
  const p = makeProject({
    "models/schema.yml": "version: 2\nmodels:\n  - name: customers\n    columns:\n      - name: id\n        data_tests: [uniqe, dbt_utils.not_constant]\n",
  });
  const r = await runApi(["parse"], { project: p });
  expect(r.exitCode).toBe(2);
  const [typo, pkg] = r.diagnostics.filter((d) => d.code === "TSDBT-E026");
  expect(typo).toMatchObject({ file: "models/schema.yml", line: 6 });
  expect(typo!.message).toContain("'uniqe' on 'customers.id'");
  expect(typo!.hint).toContain("'unique'");
  expect(pkg!.hint).toContain("Install the 'dbt_utils' package");
  expect(stackFrames(r.output)).toEqual([]);
});

test("a cycle between three models: TSDBT-E013 lists the whole path and each file", async () => {
  const p = makeProject({
    "models/a.sql": "select * from {{ ref('b') }}\n",
    "models/b.sql": "select * from {{ ref('c') }}\n",
    "models/c.sql": "select * from {{ ref('a') }}\n",
  });
  const r = await runApi(["run"], { project: p });
  const d = expectFailure(r, "TSDBT-E013");
  expect(["models/a.sql", "models/b.sql", "models/c.sql"]).toContain(d.file);
  for (const n of ["a", "b", "c"]) {
    expect(d.message).toContain(`model.fixture.${n}`);
    expect(d.message).toContain(`models/${n}.sql`);
  }
  // the path closes on its first node: x → … → x
  const path = d.message.match(/model\.fixture\.[abc](?: → model\.fixture\.[abc]){3}/)?.[0];
  expect(path).toBeDefined();
  const hops = path!.split(" → ");
  expect(hops[0]).toBe(hops[3]);
  expect(new Set(hops).size).toBe(3);
  // located at the first node's ref() to the next node of the cycle
  expect(d).toMatchObject({ file: `models/${hops[0].split(".").pop()}.sql`, line: 1, col: 18 });
  expect(d.snippet).toContain(`ref('${hops[1].split(".").pop()}')`);
  expect(d.hint).toContain("Remove or redirect one of the ref() or source() calls");
  await expectWarehouseUntouched(p);
});

test("two models with the same name in different folders: TSDBT-E015 names both files", async () => {
  const p = makeProject({ "models/staging/orders.sql": "select 2 as x\n" });
  const r = await runApi(["parse"], { project: p });
  const d = expectFailure(r, "TSDBT-E015");
  expect(d.message).toContain("'orders'");
  expect(d.message).toContain("models/orders.sql");
  expect(d.message).toContain("models/staging/orders.sql");
  expect(d.file).toMatch(/^models\/(staging\/)?orders\.sql$/);
  expect(d.hint).toBe("Rename one of them, or disable one with `enabled: false`.");
});

describe("env_var() of an unset variable (TSDBT-E004)", () => {
  test("in a model: at the env_var call, hint to set it or give a default", async () => {
    const p = makeProject({ "models/orders.sql": "select '{{ env_var(\"TSDBT_E2E_UNSET\") }}' as v\n" });
    const r = await runApi(["build"], { project: p });
    const d = expectFailure(r, "TSDBT-E004");
    expect(d).toMatchObject({ file: "models/orders.sql", line: 1, col: 19 });
    expect(d.message).toContain("'TSDBT_E2E_UNSET'");
    expect(d.hint).toMatch(/default/);
    expect(fs.existsSync(p.file(DUCKDB_FILE))).toBe(false);
  });

  test("with the variable set, the same project parses", async () => {
    const p = makeProject({ "models/orders.sql": "select '{{ env_var(\"TSDBT_E2E_UNSET\") }}' as v\n" });
    const r = await runApi(["parse"], { project: p, env: { TSDBT_E2E_UNSET: "x" } });
    expect(r.exitCode).toBe(0);
  });

  test("in profiles.yml: the file, line:col and the profile key", async () => {
    const p = makeProject({ "profiles.yml": "fixture:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/t.duckdb\n      schema: \"{{ env_var('TSDBT_E2E_UNSET') }}\"\n" });
    const r = await runApi(["build"], { project: p });
    const d = expectFailure(r, "TSDBT-E004");
    expect(d.file).toMatch(/profiles\.yml$/);
    expect(d).toMatchObject({ line: 7, col: 15 });
    expect(d.message).toContain("'TSDBT_E2E_UNSET'");
    expect(d.message).toContain("fixture.outputs.dev.schema");
    expect(d.hint).toBe("Set TSDBT_E2E_UNSET in the environment, or give a default: env_var('TSDBT_E2E_UNSET', 'value').");
    expect(fs.existsSync(p.file(DUCKDB_FILE))).toBe(false);
  });
});

describe("profile and target", () => {
  test("missing profile: TSDBT-E005 naming it and listing the ones there are", async () => {
    const p = makeProject({ "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: nope\n" });
    const r = await runApi(["parse"], { project: p });
    const d = expectFailure(r, "TSDBT-E005");
    expect(d.message).toContain("'nope'");
    expect(d.file).toMatch(/profiles\.yml$/);
    expect(d.hint).toContain("fixture");
  });

  test("missing target (--target nope): TSDBT-E006, and build writes nothing", async () => {
    const p = makeProject();
    const r = await runApi(["build", "--target", "nope"], { project: p });
    const d = expectFailure(r, "TSDBT-E006");
    expect(d.message).toContain("'nope'");
    expect(d.file).toMatch(/profiles\.yml$/);
    expect(d.line).toBe(2);
    expect(d.hint).toContain("dev");
    expect(fs.existsSync(p.file(DUCKDB_FILE))).toBe(false);
  });
});

describe("command line", () => {
  test("unknown command: exit 2 and a sentence listing the commands", async () => {
    const r = await runApi(["frobnicate"]);
    const d = expectFailure(r, "TSDBT-E000", { codeInText: false });
    expect(d.message).toMatch(/^Unknown command 'frobnicate'\..*\bbuild\b/);
  });

  test("unknown flag: exit 2 naming the flag", async () => {
    const p = makeProject();
    const r = await runApi(["parse", "--frobnicate"], { project: p });
    const d = expectFailure(r, "TSDBT-E000", { codeInText: false });
    expect(d.message).toMatch(/[Uu]nknown.*frobnicate/);
    expect(fs.existsSync(p.file("target/manifest.json"))).toBe(false);
  });

  test("usage errors name the flag as typed and suggest the closest command or flag", async () => {
    // today: "Unknown argument: selct" (no dashes, no suggestion); "Unknown command 'buidl'. Commands: …" (no suggestion)
    const flag = await runApi(["parse", "--selct", "orders"]);
    expect(flag.exitCode).toBe(2);
    expect(flag.diagnostics[0]!.message + (flag.diagnostics[0]!.hint ?? "")).toMatch(/--selct[\s\S]*--select/);
    const cmd = await runApi(["buidl"]);
    expect(cmd.exitCode).toBe(2);
    expect(cmd.output).toMatch(/[Dd]id you mean 'build'/);
  });
});

describe("every broken file is reported, not only the first", () => {
  test("two broken models: a Jinja error and a missing ref", async () => {
    const p = makeProject({ "models/orders.sql": "select {{ 1 + }}\n", "models/customers.sql": "select {{ ref('nope_model') }}\n" });
    const r = await runApi(["parse"], { project: p });
    expectFailure(r, "TSDBT-J001");
    expectFailure(r, "TSDBT-E012");
    expect(r.diagnostics.map((d) => d.file).sort()).toEqual(["models/customers.sql", "models/orders.sql"]);
    expect(r.output).toContain("models/orders.sql:1:15");
    expect(r.output).toContain("models/customers.sql:1:11");
  });

  test("two models calling undefined macros", async () => {
    const p = makeProject({ "models/orders.sql": "select {{ nope1() }}\n", "models/customers.sql": "select {{ nope2() }}\n" });
    const r = await runApi(["compile"], { project: p });
    expectFailure(r, "TSDBT-E010");
    expect(r.diagnostics.filter((d) => d.code === "TSDBT-E010").map((d) => d.file).sort()).toEqual(["models/customers.sql", "models/orders.sql"]);
  });

  test("a broken schema.yml and a broken model together", async () => {
    const p = makeProject({ "models/schema.yml": "version: 2\nmodels:\n  - name: customers\n   columns: x\n", "models/orders.sql": "select {{ ref('nope_model') }}\n" });
    const r = await runApi(["parse"], { project: p });
    expect(expectFailure(r, "TSDBT-E001").file).toBe("models/schema.yml");
    expect(expectFailure(r, "TSDBT-E012").file).toBe("models/orders.sql");
  });
});

describe("a broken project never reaches the warehouse", () => {
  test("build with a missing ref creates no DuckDB file", async () => {
    const p = makeProject({ "models/orders.sql": "select {{ ref('customerz') }}\n" });
    const r = await runApi(["build"], { project: p });
    expectFailure(r, "TSDBT-E012");
    expect(fs.existsSync(p.file(DUCKDB_FILE))).toBe(false);
    expect(r.output).not.toMatch(/START|Done\. PASS=/);
  });

  test("run on a warehouse built earlier adds no table once a model breaks", async () => {
    const p = makeProject();
    const first = await runApi(["run"], { project: p });
    expect(first.exitCode).toBe(0);
    const before = await warehouseRelations(p);
    expect(before).toEqual(["main.customer_orders", "main.customers", "main.orders"]);
    p.write({ "models/new_model.sql": "select 1 as x\n", "models/orders.sql": "select {{ 1 + }}\n" });
    const r = await runApi(["run"], { project: p });
    expectFailure(r, "TSDBT-J001");
    await expectWarehouseUntouched(p, before);
  });
});

describe("the real bin", () => {
  test("a parse error: exit code 2, the diagnostic on stdout as dbt prints its errors, nothing on stderr, no stack", async () => {
    const p = makeProject({ "models/orders.sql": "select *\nfrom {{ ref('customerz') }}\n" });
    const r = await runBin(["parse"], { project: p });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toContain("models/orders.sql:2:9: error TSDBT-E012");
    expect(r.stdout).toContain("hint: Did you mean 'customers'?");
    expect(r.stderr).toBe("");
    expect(stackFrames(r.stdout + r.stderr)).toEqual([]);
  });

  test("an unknown command and an unknown flag exit 2 with a message on stderr", async () => {
    const cmd = await runBin(["frobnicate"]);
    expect(cmd.exitCode).toBe(2);
    expect(cmd.stderr).toContain("Unknown command 'frobnicate'");
    const flag = await runBin(["parse", "--frobnicate"]);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toMatch(/frobnicate/);
    expect(stackFrames(cmd.stderr + cmd.stdout + flag.stderr + flag.stdout)).toEqual([]);
  });
});
