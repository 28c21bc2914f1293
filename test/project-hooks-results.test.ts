/**
 * on-run-start / on-run-end hooks are reported as dbt-core 1.10 reports them (checked with the
 * oracle on PostgreSQL): a START and an OK/ERROR line per hook named `<project>.<kind>.<n>`,
 * counted as "project hooks" and in PASS/ERROR, and one run_results.json entry per hook for its
 * operation node (`<project>.on-run-end.1 passed`, or `failed, error:` with the cause).
 */
import * as fs from "node:fs";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

describe("project hooks in a run", () => {
  it("have their own progress lines and results", async () => {
    const p = makeProject();
    p.write({ "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\non-run-start:\n  - select 1\non-run-end:\n  - select 2\n  - select * from nope_missing_tbl\n" });
    const r = await runApi(["build", "-s", "customers"], { project: p });
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.split("\n").map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/, "").replace(/ \.+ /, " ... ").replace(/in \d+\.\d\ds/, "in Ns"));
    expect(lines.filter((l) => l.includes(" hook: "))).toEqual([
      "1 of 1 START hook: fixture.on-run-start.0 ... [RUN]",
      "1 of 1 OK hook: fixture.on-run-start.0 ... [OK in Ns]",
      "1 of 2 START hook: fixture.on-run-end.0 ... [RUN]",
      "1 of 2 OK hook: fixture.on-run-end.0 ... [OK in Ns]",
      "2 of 2 START hook: fixture.on-run-end.1 ... [RUN]",
      "2 of 2 ERROR hook: fixture.on-run-end.1 ... [ERROR in Ns]",
    ]);
    expect(r.stdout).toMatch(/Finished running 3 project hooks, 2 data tests, 1 view model in/);
    expect(r.stdout).toContain("Done. PASS=5 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=6");
    const results = (JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; status: string; failures: number; message: string; thread_id: string; compiled_code: string }[] }).results;
    const hooks = results.filter((x) => x.unique_id.startsWith("operation."));
    expect(hooks.map((x) => [x.unique_id, x.status, x.failures, x.thread_id, x.compiled_code])).toEqual([
      ["operation.fixture.fixture-on-run-start-0", "success", 0, "main", "select 1"],
      ["operation.fixture.fixture-on-run-end-0", "success", 0, "main", "select 2"],
      ["operation.fixture.fixture-on-run-end-1", "error", 1, "main", "select * from nope_missing_tbl"],
    ]);
    expect(hooks[0]!.message).toBe("fixture.on-run-start.0 passed");
    expect(hooks[2]!.message).toMatch(/^fixture\.on-run-end\.1 failed, error:\n .*nope_missing_tbl/s);
  });
});

describe("a failing on-run-start hook", () => {
  it("skips the hooks after it and, as dbt does by default, runs the nodes anyway", async () => {
    const p = makeProject();
    p.write({ "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\non-run-start: ['select 1', 'select * from nope_hook', 'select 2']\non-run-end: ['select 3']\n" });
    const r = await runApi(["run", "-s", "customers"], { project: p });
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.split("\n").map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/, "").replace(/ \.+ /, " ... ").replace(/in \d+\.\d\ds/, "in Ns"));
    const from = lines.indexOf("1 of 3 START hook: fixture.on-run-start.0 ... [RUN]");
    // the lines dbt-core 1.10 prints for the same hooks (oracle, PostgreSQL), blank lines included
    expect(lines.slice(from, from + 13)).toEqual([
      "1 of 3 START hook: fixture.on-run-start.0 ... [RUN]",
      "1 of 3 OK hook: fixture.on-run-start.0 ... [OK in Ns]",
      "2 of 3 START hook: fixture.on-run-start.1 ... [RUN]",
      "2 of 3 ERROR hook: fixture.on-run-start.1 ... [ERROR in Ns]",
      "3 of 3 SKIP hook: fixture.on-run-start.2 ... [SKIP in Ns]",
      "",
      "1 of 1 START sql view model main.customers ... [RUN]",
      expect.stringMatching(/^1 of 1 OK created sql view model main\.customers \.\.\. \[.* in Ns\]$/),
      "",
      "1 of 1 START hook: fixture.on-run-end.0 ... [RUN]",
      "1 of 1 OK hook: fixture.on-run-end.0 ... [OK in Ns]",
      "",
      expect.stringMatching(/^Finished running 4 project hooks, 1 view model in /),
    ]);
    // dbt counts the skipped hook (it has a message) among the errors of its closing line
    expect(r.stdout).toContain("Completed with 2 errors, 0 partial successes, and 0 warnings:");
    expect(r.stdout).toContain("Done. PASS=3 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=5");
    const results = (JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; status: string; failures: number; message: string }[] }).results;
    expect(results.map((x) => [x.unique_id, x.status, x.failures])).toEqual([
      ["operation.fixture.fixture-on-run-start-0", "success", 0],
      ["operation.fixture.fixture-on-run-start-1", "error", 1],
      ["operation.fixture.fixture-on-run-start-2", "skipped", 1],
      ["model.fixture.customers", "success", null],
      ["operation.fixture.fixture-on-run-end-0", "success", 0],
    ]);
    expect(results[2]!.message).toBe("fixture.on-run-start.2 skipped");
  });

  it("skips every node when dbt_project.yml's flags set skip_nodes_if_on_run_start_fails", async () => {
    const p = makeProject();
    p.write({ "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\non-run-start: ['select * from nope_hook']\nflags:\n  skip_nodes_if_on_run_start_fails: true\n" });
    const r = await runApi(["run", "-s", "customers"], { project: p });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/1 of 1 SKIP relation main\.customers \.+ \[SKIP\]/);
    const results = (JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; status: string; message: string | null; thread_id: string }[] }).results;
    // as dbt-core 1.10 records them (oracle): the skipped node has no message and dbt's main thread
    expect(results.map((x) => [x.unique_id, x.status, x.thread_id])).toEqual([
      ["operation.fixture.fixture-on-run-start-0", "error", "main"],
      ["model.fixture.customers", "skipped", "MainThread"],
    ]);
    expect(results[1]!.message).toBeNull();
    expect(r.stdout).toContain("Done. PASS=0 WARN=0 ERROR=1 SKIP=1 NO-OP=0 TOTAL=2");
  });
});

describe("hooks of an installed package", () => {
  it("run after the root project's, rendered in the package (its macros resolve), numbered across projects", async () => {
    const p = makeProject({
      "packages.yml": "packages:\n  - local: dbt_packages/pkga\n",
      "dbt_packages/pkga/dbt_project.yml": "name: pkga\nconfig-version: 2\non-run-end:\n  - \"{{ log('PKGA ' ~ shout(results | length), info=True) }}select 3\"\n",
      "dbt_packages/pkga/macros/shout.sql": "{% macro shout(x) %}{{ x }}!{% endmacro %}\n",
    });
    p.write({ "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\non-run-end:\n  - select 2\n" });
    const r = await runApi(["build", "-s", "customers"], { project: p });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split("\n").map((l) => l.replace(/^\d\d:\d\d:\d\d {2}/, "").replace(/ \.+ /, " ... ").replace(/in \d+\.\d\ds/, "in Ns"));
    expect(lines.filter((l) => l.includes(" hook: ") || l.startsWith("PKGA"))).toEqual([
      // the parse renders the hook too (no results yet), and its log prints, as dbt-core 1.10's does
      "PKGA 0!",
      "1 of 2 START hook: fixture.on-run-end.0 ... [RUN]",
      "1 of 2 OK hook: fixture.on-run-end.0 ... [OK in Ns]",
      "PKGA 3!",
      "2 of 2 START hook: pkga.on-run-end.1 ... [RUN]",
      "2 of 2 OK hook: pkga.on-run-end.1 ... [OK in Ns]",
    ]);
    const results = (JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; message: string }[] }).results;
    expect(results.filter((x) => x.unique_id.startsWith("operation.")).map((x) => [x.unique_id, x.message])).toEqual([
      ["operation.fixture.fixture-on-run-end-0", "fixture.on-run-end.0 passed"],
      ["operation.pkga.pkga-on-run-end-0", "pkga.on-run-end.1 passed"],
    ]);
  });
});

describe("compile and project hooks", () => {
  // dbt-core 1.10: the default selection takes in the hooks, an explicit --select does not
  it("renders the hooks when nothing is selected, not with --select", async () => {
    const p = makeProject();
    p.write({ "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\non-run-start:\n  - \"select 1 as {{ 'x' }}\"\n" });
    const hookResults = () =>
      (JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")) as { results: { unique_id: string; status: string; compiled_code: string }[] }).results
        .filter((x) => x.unique_id.startsWith("operation."))
        .map((x) => [x.unique_id, x.status, x.compiled_code]);
    expect((await runApi(["compile", "-s", "customers"], { project: p })).exitCode).toBe(0);
    expect(hookResults()).toEqual([]);
    expect((await runApi(["compile"], { project: p })).exitCode).toBe(0);
    expect(hookResults()).toEqual([["operation.fixture.fixture-on-run-start-0", "success", "select 1 as x"]]);
    expect(fs.readFileSync(p.file("target/compiled/fixture/dbt_project.yml/hooks/fixture-on-run-start-0.sql"), "utf8")).toBe("select 1 as x");
  });
});
