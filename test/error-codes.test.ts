/**
 * Every documented code of docs/errors.md that no other test raised (issue 18): each case is an
 * input a user could write, run through the public Node API, and the check covers the code,
 * the location (file, line, col where the code has one) and a literal part of the hint.
 * Needs the built CLI: `npx tsc --build packages/cli`.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { makeProject, removeAllProjects, REPO_ROOT, runApi, stackFrames, type ApiDiagnostic, type ApiRun } from "./helpers/fixture-project";

afterAll(removeAllProjects);

/** A project of one model `a` (besides `overrides`), without the fixture's other models and tests. */
function project(overrides: Record<string, string | null>) {
  return makeProject({ "models/customers.sql": null, "models/orders.sql": null, "models/customer_orders.sql": null, "models/schema.yml": null, "models/a.sql": "select 1 as id\n", ...overrides });
}

/** Runs `argv` on a project; expects exit 2, no stack trace, and returns the diagnostic with `code`. */
async function failure(files: Record<string, string | null>, argv: string[], code: string): Promise<{ d: ApiDiagnostic; run: ApiRun }> {
  const run = await runApi(argv, { project: project(files) });
  expect(run.diagnostics.map((x) => x.code)).toContain(code);
  expect(run.exitCode).toBe(2);
  expect(stackFrames(run.output)).toEqual([]);
  return { d: run.diagnostics.find((x) => x.code === code)!, run };
}

describe("models, macros and Jinja", () => {
  test("E011: adapter.dispatch finds no implementation", async () => {
    const { d } = await failure({ "models/a.sql": "select {{ adapter.dispatch('no_such_macro')() }} as x\n" }, ["compile"], "TSDBT-E011");
    expect(d).toMatchObject({ file: "models/a.sql", line: 1, col: 27, nodeId: "model.fixture.a" });
    expect(d.message).toContain("looked for duckdb__no_such_macro and default__no_such_macro");
    expect(d.hint).toBe("Define a macro named default__no_such_macro.");
  });

  test("E014: source() names a table no properties file declares, with the closest one", async () => {
    const { d } = await failure(
      {
        "models/a.sql": "select 1 as id\nfrom {{ source('raw', 'orderz') }}\n",
        "models/src.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n",
      },
      ["parse"],
      "TSDBT-E014",
    );
    expect(d).toMatchObject({ file: "models/a.sql", line: 2, col: 9, message: "model.fixture.a depends on source 'raw.orderz', which was not found." });
    expect(d.hint).toBe("Did you mean 'raw.orders'?");
  });

  test("E016: ref() to a disabled model", async () => {
    const { d } = await failure({ "models/a.sql": "{{ config(enabled=false) }}\nselect 1 as id\n", "models/b.sql": "select *\nfrom {{ ref('a') }}\n" }, ["parse"], "TSDBT-E016");
    expect(d).toMatchObject({ file: "models/b.sql", line: 2, col: 9, message: "model.fixture.b depends on 'a', which is disabled." });
    expect(d.hint).toContain("Enable 'a'");
  });

  test("E017: one macro name defined twice in a package, located at the second", async () => {
    const { d } = await failure({ "macros/one.sql": "{% macro twice() %}1{% endmacro %}\n", "macros/two.sql": "\n{% macro twice() %}2{% endmacro %}\n" }, ["parse"], "TSDBT-E017");
    expect(d).toMatchObject({ file: "macros/two.sql", line: 2, col: 1 });
    expect(d.message).toBe("Macro 'twice' is defined twice in package 'fixture': in macros/one.sql:1 and macros/two.sql:2.");
    expect(d.hint).toContain("Rename or delete one");
  });

  test("E030: exceptions.raise_compiler_error, with the template's message and a hint", async () => {
    const { d } = await failure({ "models/a.sql": "select 1 as id\n{{ exceptions.raise_compiler_error('amount must be positive') }}\n" }, ["compile"], "TSDBT-E030");
    expect(d).toMatchObject({ file: "models/a.sql", line: 2, col: 35, message: "amount must be positive. (in model.fixture.a)" });
    expect(d.hint).toContain("comes from the template");
  });

  test("E031: exceptions.raise_not_implemented", async () => {
    const { d } = await failure({ "models/a.sql": "select 1 as id\n{% do exceptions.raise_not_implemented('no duckdb version') %}\n" }, ["compile"], "TSDBT-E031");
    expect(d).toMatchObject({ file: "models/a.sql", line: 2, col: 39, message: "no duckdb version. (in model.fixture.a)" });
    expect(d.hint).toContain("no implementation for this warehouse");
  });

  test("E032: config.require() of a key the node does not set", async () => {
    const { d } = await failure({ "models/a.sql": "select 1 as id\n-- {{ config.require('my_setting') }}\n" }, ["compile"], "TSDBT-E032");
    expect(d).toMatchObject({ file: "models/a.sql", line: 2, col: 21 });
    expect(d.message).toContain("Required config 'my_setting' was not found for model.fixture.a");
    expect(d.hint).toContain("Set 'my_setting' in the node's config() call");
  });

  test("E032: config() with a dictionary and keyword arguments at once", async () => {
    const { d } = await failure({ "models/a.sql": "{% set t = ['x'] %}{{ config({'a': 1}, tags=t) }}\nselect 1 as id\n" }, ["parse"], "TSDBT-E032");
    expect(d).toMatchObject({ file: "models/a.sql", line: 1, col: 29 });
    expect(d.hint).toContain("config(key=value, …)");
  });

  test("E033: set_strict() of a number, and an adapter method given a string for a relation", async () => {
    const strict = await failure({ "models/a.sql": "select 1 as id\n{% set s = set_strict(5) %}\n" }, ["compile"], "TSDBT-E033");
    expect(strict.d).toMatchObject({ file: "models/a.sql", line: 2, col: 22, message: "'int' object is not iterable. (in model.fixture.a)" });
    expect(strict.d.hint).toContain("use set(value, default)");
    const adapter = await failure(
      { "models/a.sql": "select 1 as id\n{% if execute %}{% set c = adapter.get_columns_in_relation('main.x') %}{% endif %}\n" },
      ["compile"],
      "TSDBT-E033",
    );
    expect(adapter.d).toMatchObject({ file: "models/a.sql", line: 2, col: 59 });
    expect(adapter.d.hint).toBe("Pass a relation object, not its name as a string.");
  });

  test("E034: exceptions.raise_database_error, and load_result() twice for one statement", async () => {
    const raised = await failure({ "models/a.sql": "select 1 as id\n{% if execute %}{{ exceptions.raise_database_error('the warehouse said no') }}{% endif %}\n" }, ["compile"], "TSDBT-E034");
    expect(raised.d).toMatchObject({ file: "models/a.sql", line: 2, col: 51, message: "the warehouse said no. (in model.fixture.a)" });
    expect(raised.d.hint).toContain("what the warehouse answered");
    const twice = await failure(
      { "models/a.sql": "{% call statement('q', fetch_result=True) %}select 1{% endcall %}\n{% if execute %}{% set a = load_result('q') %}{% set b = load_result('q') %}{% endif %}\nselect 1 as id\n" },
      ["compile"],
      "TSDBT-E034",
    );
    expect(twice.d).toMatchObject({ file: "models/a.sql", line: 2, col: 69 });
    expect(twice.d.message).toContain("The 'statement' result named 'q' has already been loaded");
    expect(twice.d.hint).toContain("{% set result = load_result('name') %}");
  });

  test("E035: exceptions.raise_dependency_error", async () => {
    const { d } = await failure({ "models/a.sql": "select 1 as id\n{{ exceptions.raise_dependency_error('package x missing') }}\n" }, ["compile"], "TSDBT-E035");
    expect(d).toMatchObject({ file: "models/a.sql", line: 2, col: 37, message: "package x missing. (in model.fixture.a)" });
    expect(d.hint).toContain("`tsdbt deps`");
  });

  test("E036: exceptions.raise_fail_fast_error", async () => {
    const { d } = await failure({ "models/a.sql": "select 1 as id\n{% if execute %}{{ exceptions.raise_fail_fast_error('stop here') }}{% endif %}\n" }, ["compile"], "TSDBT-E036");
    expect(d).toMatchObject({ file: "models/a.sql", line: 2, col: 52, message: "stop here. (in model.fixture.a)" });
    expect(d.hint).toContain("stopped the run on purpose");
  });
});

describe("properties files", () => {
  test("E018: a section that is not a list", async () => {
    const { d } = await failure({ "models/schema.yml": "version: 2\nmodels:\n  name: a\n" }, ["parse"], "TSDBT-E018");
    expect(d).toMatchObject({ file: "models/schema.yml", line: 2, col: 1, message: "'models' in models/schema.yml must be a list of entries." });
    expect(d.hint).toBe("Write each entry as '- name: …' under 'models:'.");
  });

  test("E019: an entry without a name", async () => {
    const { d } = await failure({ "models/schema.yml": "version: 2\nmodels:\n  - description: no name here\n" }, ["parse"], "TSDBT-E019");
    expect(d).toMatchObject({ file: "models/schema.yml", line: 3, col: 5 });
    expect(d.hint).toContain("Add 'name: <resource name>'");
  });

  test("E019: a group without an owner stops the parse", async () => {
    const { d } = await failure({ "models/schema.yml": "version: 2\ngroups:\n  - name: finance\n" }, ["parse"], "TSDBT-E019");
    expect(d).toMatchObject({ file: "models/schema.yml", line: 3, col: 5, message: "A group in models/schema.yml has no owner." });
    expect(d.hint).toContain("an 'owner:'");
  });

  test("E022: a data test written as a number", async () => {
    const { d } = await failure({ "models/schema.yml": "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests:\n          - 42\n" }, ["parse"], "TSDBT-E022");
    expect(d).toMatchObject({ file: "models/schema.yml", line: 7, col: 13 });
    expect(d.hint).toContain("'- accepted_values: {values: [...]}'");
  });

  test("E023: one model described in two properties files, located at the second", async () => {
    const { d } = await failure({ "models/one.yml": "version: 2\nmodels:\n  - name: a\n", "models/two.yml": "version: 2\nmodels:\n  - name: a\n    description: again\n" }, ["parse"], "TSDBT-E023");
    expect(d).toMatchObject({ file: "models/two.yml", line: 3, col: 5, message: "model 'a' is described twice: in models/one.yml and models/two.yml." });
    expect(d.hint).toBe("Keep one properties entry per resource.");
  });

  test("E024: doc() names a missing docs block; located in the YAML file, with the closest block", async () => {
    const { d } = await failure(
      { "models/docs.md": "{% docs customer_id %}An id{% enddocs %}\n", "models/schema.yml": "version: 2\nmodels:\n  - name: a\n    description: \"{{ doc('customer_idd') }}\"\n" },
      ["parse"],
      "TSDBT-E024",
    );
    // column 25 is the `(` of `doc(` on that line, where the Jinja call failed
    expect(d).toMatchObject({ file: "models/schema.yml", line: 4, col: 25, message: "Documentation block 'customer_idd' was not found." });
    expect(d.hint).toBe("Did you mean 'customer_id'?");
  });

  test("E029: properties of the wrong shape, each reported at its value", async () => {
    const { run } = await failure({ "models/schema.yml": "version: 2\nmodels:\n  - name: a\n    description: [1, 2]\n    columns: 5\n" }, ["parse"], "TSDBT-E029");
    const shapes = run.diagnostics.filter((x) => x.code === "TSDBT-E029");
    expect(shapes.map(({ file, line, col, message, hint }) => ({ file, line, col, message, hint }))).toEqual([
      { file: "models/schema.yml", line: 4, col: 18, message: "'description' of 'a' in models/schema.yml must be a string, not a list.", hint: 'Write it as `description: "…"`.' },
      { file: "models/schema.yml", line: 5, col: 14, message: "'columns' of 'a' in models/schema.yml must be a list, not 5.", hint: "Write it as `columns: [{name: id}]`." },
    ]);
  });

  test("E063: a YAML alias bomb stops the parse at a repeated alias instead of hanging", async () => {
    const levels = ["      l0: &l0 [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i <= 9; i++) levels.push(`      l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]`);
    const { d } = await failure({ "models/schema.yml": `version: 2\nmodels:\n  - name: a\n    meta:\n${levels.join("\n")}\n` }, ["parse"], "TSDBT-E063");
    // l9's first alias: l8 alone expands to 48 million values
    expect(d).toMatchObject({ file: "models/schema.yml", line: 14, col: 16 });
    expect(d.message).toBe("models/schema.yml expands to more than 1,000,000 values once its YAML aliases (*name) are resolved, so it is not read.");
    expect(d.hint).toContain("Write the values out, or use fewer levels of aliases.");
  });

  test("W011: an unknown top-level section is a warning that lists the known ones", async () => {
    const run = await runApi(["parse"], { project: project({ "models/schema.yml": "version: 2\nmodelz:\n  - name: a\n" }) });
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain("models/schema.yml:2:1: warning TSDBT-W011: Unknown section 'modelz' in models/schema.yml; it is ignored.");
    expect(run.output).toMatch(/hint: Sections are version, models, seeds, .*semantic_models/);
  });

  test("W070: an exposure depending on a ref that names nothing", async () => {
    const run = await runApi(["parse"], {
      project: project({ "models/exp.yml": "version: 2\nexposures:\n  - name: dash\n    type: dashboard\n    owner: {email: a@b.c}\n    depends_on:\n      - ref('nope')\n" }),
    });
    expect(run.exitCode).toBe(0);
    expect(run.output).toContain("models/exp.yml:3:5: warning TSDBT-W070: Exposure 'dash' depends on ref('nope'), which names nothing in the project.");
    expect(run.output).toContain("hint: Write ref('<model>'), source('<source>', '<table>') or metric('<metric>').");
  });
});

describe("selection, state and commands", () => {
  test("E025: --state points at a folder without manifest.json", async () => {
    const { d } = await failure({ "prod/notes.txt": "x" }, ["ls", "--select", "state:modified", "--state", "prod"], "TSDBT-E025");
    expect(d).toMatchObject({ file: "prod/manifest.json", message: "--state prod holds no manifest.json." });
    expect(d.hint).toContain("target/ folder of an earlier run");
  });

  test("E050: init with a name that is not an identifier", async () => {
    const { d } = await failure({}, ["init", "1bad"], "TSDBT-E050");
    expect(d.message).toContain("'1bad' is not a valid project name");
    expect(d.hint).toBe("Try `tsdbt init my_project`.");
  });

  test("E051: a clean-targets entry outside the project, located in dbt_project.yml; nothing is deleted", async () => {
    const files = { "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\nclean-targets:\n  - target\n  - ../elsewhere\n", "target/keep.txt": "kept" };
    const p = project(files);
    const run = await runApi(["clean"], { project: p });
    expect(run.exitCode).toBe(2);
    const d = run.diagnostics.find((x) => x.code === "TSDBT-E051")!;
    expect(d).toMatchObject({ file: "dbt_project.yml", line: 7, col: 5, message: "clean-targets entry '../elsewhere' is outside the project directory; tsdbt will not delete it." });
    expect(d.hint).toContain("only folders inside the project");
    expect(fs.readFileSync(p.file("target/keep.txt"), "utf8")).toBe("kept");
  });

  test("E052: show with a selection of two models", async () => {
    const { d } = await failure({ "models/b.sql": "select 2 as id\n" }, ["show", "--select", "a b"], "TSDBT-E052");
    expect(d.message).toBe("tsdbt show needs exactly one node; the selection matched 2.");
    expect(d.hint).toContain("--inline");
  });

  test("E053: run-operation of a macro that does not exist, with the closest name", async () => {
    const { d } = await failure({ "macros/m.sql": "{% macro grant_select() %}{% endmacro %}\n" }, ["run-operation", "grant_selct"], "TSDBT-E053");
    expect(d.message).toBe("No macro named 'grant_selct' was found in the project or its packages.");
    expect(d.hint).toBe("Did you mean 'grant_select'?");
  });

  test("E054: run-operation --args that is not a mapping", async () => {
    const { d } = await failure({ "macros/m.sql": "{% macro m(x) %}{% endmacro %}\n" }, ["run-operation", "m", "--args", "[1, 2]"], "TSDBT-E054");
    expect(d.message).toBe("--args must be a mapping of argument names to values.");
    expect(d.hint).toBe("Write --args '{name: value}'.");
  });

  test("E055: retry without run_results.json", async () => {
    const { d } = await failure({}, ["retry"], "TSDBT-E055");
    expect(d.message).toBe("There is no target/run_results.json to retry from.");
    expect(d.hint).toContain("`tsdbt build` first");
  });

  test("E056: deps with a local package that has no dbt_project.yml", async () => {
    const { d } = await failure({ "packages.yml": "packages:\n  - local: ../nowhere_pkg\n" }, ["deps"], "TSDBT-E056");
    expect(d).toMatchObject({ file: "packages.yml", line: 2, message: "The package ../nowhere_pkg has no dbt_project.yml." });
    expect(d.hint).toContain("A package is a dbt project");
  });

  test("E057: deps with a private package", async () => {
    const { d } = await failure({ "packages.yml": "packages:\n  - private: acme/secret_pkg\n" }, ["deps"], "TSDBT-E057");
    expect(d).toMatchObject({ file: "packages.yml", line: 2, message: "Cannot resolve the private package acme/secret_pkg: it needs a git provider integration that tsdbt, like dbt Core, does not have." });
    expect(d.hint).toContain('Use a "git" package');
  });

  test("E091: --warn-error turns 'selection matches nothing' into an error", async () => {
    const { d, run } = await failure({}, ["ls", "--select", "nothing_matches", "--warn-error"], "TSDBT-E091");
    expect(d.message).toBe("The selection criterion 'nothing_matches' does not match any enabled nodes");
    expect(d.hint).toContain("--warn-error");
    expect(run.output).toContain("Compilation Error");
  });

  test("E093: --defer without --state", async () => {
    const { d } = await failure({}, ["run", "--defer"], "TSDBT-E093");
    expect(d.message).toContain("--defer needs --state (or --defer-state)");
    expect(d.hint).toBe("Run with `--defer --state path/to/prod-target`.");
  });

  test("E094: compile --dry-run on a warehouse without dry runs (DuckDB) compiles nothing", async () => {
    const { d, run } = await failure({}, ["compile", "--dry-run"], "TSDBT-E094");
    expect(d.message).toContain("which the duckdb adapter (target 'dev') cannot do");
    expect(d.hint).toBe("Compile without --dry-run, or pick a BigQuery target with --target.");
    expect(run.output).not.toContain("Dry run of");
  });
});

describe("warehouse", () => {
  test("E048: the DuckDB file is held by another process", async () => {
    const p = project({});
    const file = p.file("target/t.duckdb");
    fs.mkdirSync(p.file("target"), { recursive: true });
    // another process opens the file and keeps it: it says so on stdout once it holds the lock
    const holder = spawn(process.execPath, ["-e", `require("@duckdb/node-api").DuckDBInstance.create(${JSON.stringify(file)}).then(() => { console.log("holding"); setInterval(() => {}, 1000); })`], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve) => holder.stdout.on("data", (d: Buffer) => /holding/.test(d.toString()) && resolve()));
      const run = await runApi(["run"], { project: p });
      expect(run.exitCode).toBe(2);
      const d = run.diagnostics.find((x) => x.code === "TSDBT-E048")!;
      expect(d.message).toBe(`The DuckDB file ${file} is in use by another process (PID ${holder.pid}); DuckDB lets one process write a file at a time.`);
      expect(d.hint).toBe("Wait for the other tsdbt or DuckDB process to end, or close it, and run the command again.");
      expect(run.output).not.toContain("Internal error");
    } finally {
      holder.kill();
    }
  });
});

describe("Python models", () => {
  test("E069: a Python model whose dbt.ref() argument is not a literal stops the parse at that argument", async () => {
    const { d } = await failure({ "models/scores.py": "def model(dbt, session):\n    name = 'a'\n    return dbt.ref(name)\n" }, ["parse"], "TSDBT-E069");
    expect(d).toMatchObject({ file: "models/scores.py", line: 3, col: 20, nodeId: "model.fixture.scores" });
    expect(d.message).toBe("Error when trying to literal_eval an arg to dbt.ref(), dbt.source(), dbt.config() or dbt.config.get()");
    expect(d.hint).toContain("must be Python literals");
  });

  test("E419: building a Python model fails that model only, with dbt's sentence; its SQL neighbours build", async () => {
    const p = project({ "models/scores.py": "def model(dbt, session):\n    return dbt.ref('a')\n", "models/after.sql": "select * from {{ ref('scores') }}\n" });
    const run = await runApi(["build"], { project: p });
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain("START python table model main.scores");
    expect(run.output).toContain('models/scores.py: TSDBT-E419: Materialization "materialization_table_default" only supports languages [\'sql\']; got "python"');
    expect(run.output).toContain("hint: tsdbt compiles Python models but does not run them: write scores in SQL, or leave it out of the selection (--exclude scores).");
    const results = JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; status: string }[] };
    expect(Object.fromEntries(results.results.map((r) => [r.unique_id, r.status]))).toEqual({ "model.fixture.a": "success", "model.fixture.scores": "error", "model.fixture.after": "skipped" });
    // compiled as dbt compiles it: the model's code, then the lookups its dbt.ref() uses
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/scores.py"), "utf8")).toContain('refs = {"a": "\\"t\\".\\"main\\".\\"a\\""}');
  });
});

describe("data test severity", () => {
  test("severity 'fatal' is refused at parse (E028), as dbt-core refuses it, so E410 is never reached from a project", async () => {
    const p = project({ "models/schema.yml": "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        data_tests:\n          - unique:\n              config:\n                severity: fatal\n" });
    const run = await runApi(["build"], { project: p });
    expect(run.exitCode).toBe(2);
    const d = run.diagnostics.find((x) => x.code === "TSDBT-E028")!;
    expect(d).toMatchObject({ file: "models/schema.yml", line: 9, col: 27 });
    expect(d.message).toBe("Config 'severity' of test 'unique' in models/schema.yml must be one of 'error', 'warn', not the string 'fatal'.");
    expect(d.hint).toContain("severity: error");
    expect(fs.existsSync(p.file("target/run_results.json"))).toBe(false);
  });
});
