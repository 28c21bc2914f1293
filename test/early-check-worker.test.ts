import { execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import { BIN, makeProject, removeAllProjects, REPO_ROOT } from "./helpers/fixture-project";

// The CLI's bin starts the parse's check worker before it loads the bundle when the command line looks
// like a full parse of a project with packages (packages/cli/bin/early-check-worker.js); the parse adopts
// that worker, or ends it when it needs none.
const EARLY = path.join(REPO_ROOT, "packages/cli/bin/early-check-worker.js");
const ENTRY = path.join(REPO_ROOT, "packages/cli/bin/entry.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { looksLikeFullParse } = require(EARLY) as { looksLikeFullParse: (argv: string[], env?: Record<string, string>, cwd?: string) => boolean };

const PACKAGE = {
  "dbt_packages/helpers/dbt_project.yml": "name: helpers\nversion: '1.0.0'\nconfig-version: 2\n",
  "dbt_packages/helpers/macros/shout.sql": "{% macro shout(x) %}upper({{ x }}){% endmacro %}\n",
};

afterAll(removeAllProjects);

test("a parsing command on a project with installed packages and no saved parse looks like a full parse", () => {
  const project = makeProject(PACKAGE);
  const at = (argv: string[], env: Record<string, string> = {}) => looksLikeFullParse(argv, env, project.dir);
  expect(at(["parse"])).toBe(true);
  expect(at(["--log-format", "json", "build", "--select", "customers"])).toBe(true);
  expect(at(["docs", "generate"])).toBe(true);
  expect(at(["deps"])).toBe(false);
  expect(at(["debug"])).toBe(false);
  // a long-lived server that parses nothing, and commands that only print
  expect(at(["docs", "serve"])).toBe(false);
  expect(at(["run", "--help"])).toBe(false);
  expect(at(["--version"])).toBe(false);
  expect(looksLikeFullParse(["parse"], {}, path.dirname(project.dir))).toBe(false);
  expect(looksLikeFullParse(["parse", "--project-dir", project.dir], {}, path.dirname(project.dir))).toBe(true);
  expect(looksLikeFullParse(["parse"], { DBT_PROJECT_DIR: project.dir }, path.dirname(project.dir))).toBe(true);
  // a saved parse state is reused (no worker needed) unless partial parsing is off
  project.write({ "target/partial_parse.json": "{}" });
  expect(at(["run"])).toBe(false);
  expect(at(["run", "--no-partial-parse"])).toBe(true);
  expect(at(["run"], { DBT_PARTIAL_PARSE: "false" })).toBe(true);
  expect(at(["run", "--target-path", "elsewhere"])).toBe(true);
  expect(at(["run", "--target-path=elsewhere"])).toBe(true);
  expect(at(["run"], { DBT_TARGET_PATH: "elsewhere" })).toBe(true);
  // templates compiled by an earlier parse are read from the template code cache
  project.write({ "elsewhere/tsdbt_template_cache.json": "{}" });
  expect(at(["run", "--target-path", "elsewhere"])).toBe(false);
});

test("a full parse with the early worker reports a syntax error in a package macro nothing calls", () => {
  const project = makeProject({ ...PACKAGE, "dbt_packages/helpers/macros/broken.sql": "{% macro broken() %}\n  {{ 1 + }}\n{% endmacro %}\n" });
  const run = spawnSync(process.execPath, [BIN, "parse", "--no-partial-parse", "--profiles-dir", project.dir], { cwd: project.dir, encoding: "utf8", env: { ...process.env, DBT_PROJECT_DIR: "" } });
  expect(run.status).toBe(2);
  expect(run.stdout + run.stderr).toMatch(/macros\/broken\.sql:2:10: error TSDBT-J001: .* \(in macro\.helpers\.broken\)/);
});

/** Runs a parse through loadCli(argv) in a new process; says whether an early worker was started, whether the parse took it, and whether it has ended. */
function parseWithEarlyWorker(dir: string, argv: string[]): { started: boolean; taken: boolean; exited: boolean; exitCode: number } {
  const script = `
    const key = Symbol.for("tsdbt.earlyCheckWorker");
    const argv = ${JSON.stringify(argv)};
    const { cli } = require(${JSON.stringify(ENTRY)}).loadCli(argv);
    const early = globalThis[key];
    let exited = false;
    early?.worker.on("exit", () => (exited = true));
    cli.invoke(argv, { write: () => undefined }).then(async (result) => {
      const taken = globalThis[key] === undefined;
      for (let i = 0; i < 100 && early && !exited; i++) await new Promise((r) => setTimeout(r, 20));
      process.stdout.write(JSON.stringify({ started: early !== undefined, taken, exited, exitCode: result.exitCode }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8", env: { ...process.env, DBT_PROJECT_DIR: "", DBT_PROFILES_DIR: dir } })) as { started: boolean; taken: boolean; exited: boolean; exitCode: number };
}

test("the parse takes the early worker, and ends it whether it uses it or finds it needs none", () => {
  // the project keeps its parse state in elsewhere/, which the bin does not read: it starts a worker at every parse
  const project = makeProject({ ...PACKAGE, "models/shouted.sql": "select {{ helpers.shout(\"'a'\") }} as a\n", "dbt_project.yml": "name: fixture\nversion: '1.0.0'\nconfig-version: 2\nprofile: fixture\ntarget-path: elsewhere\n" });
  // a full parse checks the package's macros on it
  expect(parseWithEarlyWorker(project.dir, ["parse"])).toEqual({ started: true, taken: true, exited: true, exitCode: 0 });
  // the next parse reuses the saved state and needs no worker
  expect(parseWithEarlyWorker(project.dir, ["parse"])).toEqual({ started: true, taken: true, exited: true, exitCode: 0 });
  // no packages: no worker
  expect(parseWithEarlyWorker(makeProject().dir, ["parse"])).toEqual({ started: false, taken: true, exited: false, exitCode: 0 });
});
