/**
 * Secrets (issue 13): a canary password planted in profiles.yml, and another in a DBT_ENV_SECRET_
 * variable the profile reads, must never appear in anything tsdbt writes: stdout, stderr,
 * logs/dbt.log, or any file under target/ (manifest, run_results, catalog, compiled and run SQL,
 * the partial-parse state), after failing runs (a profile value of the wrong type, a broken
 * profiles.yml line, a bad config, a failing model) and after successful ones (build, docs
 * generate, debug, ls). DuckDB always; PostgreSQL too when TSDBT_PG_URL names a server.
 * Needs the built CLI: `npx tsc --build packages/cli`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { makeProject, removeAllProjects, runApi, runBin, type FixtureProject } from "./helpers/fixture-project";

afterAll(removeAllProjects);

const CANARY_PASSWORD = "CanaryPw-7f3e9a1c";
const CANARY_SECRET = "CanarySecret-2b8d4e60";
const SECRET_ENV = { DBT_ENV_SECRET_DB_PASSWORD: CANARY_SECRET };

/** Every file under `dir` (recursively), as [relative path, text]. */
function filesUnder(dir: string): [string, string][] {
  if (!fs.existsSync(dir)) return [];
  const out: [string, string][] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
    out.push([path.relative(dir, full), fs.readFileSync(full).toString("latin1")]);
  }
  return out;
}

/** Where a canary shows up: "stdout", "target/manifest.json", … (empty when nowhere). */
function leaks(p: FixtureProject, outputs: Record<string, string>): string[] {
  const places: [string, string][] = [...Object.entries(outputs), ...filesUnder(p.file("target")).map(([f, t]) => [`target/${f}`, t] as [string, string]), ...filesUnder(p.file("logs")).map(([f, t]) => [`logs/${f}`, t] as [string, string])];
  return places.filter(([, text]) => text.includes(CANARY_PASSWORD) || text.includes(CANARY_SECRET)).map(([where]) => where);
}

/** A profiles.yml whose target holds the canary password and reads the secret variable. */
function duckdbProfile(extra: string[] = []): string {
  return ["fixture:", "  target: dev", "  outputs:", "    dev:", "      type: duckdb", "      path: target/t.duckdb", "      threads: 1", `      password: ${CANARY_PASSWORD}`, "      api_key: \"{{ env_var('DBT_ENV_SECRET_DB_PASSWORD') }}\"", ...extra.map((l) => `      ${l}`), ""].join("\n");
}

function postgresProfile(url: URL, extra: string[] = []): string {
  return [
    "fixture:",
    "  target: dev",
    "  outputs:",
    "    dev:",
    "      type: postgres",
    `      host: ${url.hostname}`,
    `      port: ${url.port || 5432}`,
    `      user: ${decodeURIComponent(url.username) || "postgres"}`,
    `      password: ${CANARY_PASSWORD}`,
    `      dbname: ${url.pathname.slice(1) || "postgres"}`,
    "      schema: tsdbt_secrets_canary",
    "      threads: 1",
    "      application_name: \"{{ env_var('DBT_ENV_SECRET_DB_PASSWORD') }}\"",
    ...extra.map((l) => `      ${l}`),
    "",
  ].join("\n");
}

async function api(p: FixtureProject, argv: string[]) {
  const r = await runApi(argv, { project: p, env: SECRET_ENV });
  return { exitCode: r.exitCode, outputs: { stdout: r.stdout, stderr: r.stderr } };
}

describe.each([
  ["duckdb", (extra?: string[]) => duckdbProfile(extra)],
  ...(process.env.TSDBT_PG_URL ? [["postgres", (extra?: string[]) => postgresProfile(new URL(process.env.TSDBT_PG_URL!), extra)] as const] : []),
] as const)("canary secrets on %s", (_adapter, profileText) => {
  test("failing runs print neither the password nor the secret", async () => {
    // a profile value of the wrong type, right on the canary's line
    const wrongType = makeProject({ "profiles.yml": profileText().replace(`password: ${CANARY_PASSWORD}`, `password: [${CANARY_PASSWORD}, x]`).replace(/threads: 1/, `threads: ${CANARY_PASSWORD}`) });
    const a = await api(wrongType, ["build"]);
    expect(a.exitCode).toBe(2);
    expect(leaks(wrongType, a.outputs)).toEqual([]);

    // profiles.yml that is not valid YAML on the password's line
    const broken = makeProject({ "profiles.yml": profileText().replace(`password: ${CANARY_PASSWORD}`, `password: ${CANARY_PASSWORD}: [`) });
    const b = await api(broken, ["build"]);
    expect(b.exitCode).toBe(2);
    expect(b.outputs.stdout + b.outputs.stderr).toMatch(/TSDBT-E001/);
    expect(leaks(broken, b.outputs)).toEqual([]);

    // a bad config (exit 2) and then a model the warehouse rejects (exit 1), in the real binary
    const project = makeProject({ "profiles.yml": profileText(), "models/orders.sql": "{{ config(enabled='notbool') }}\nselect 1 as order_id\n" });
    const c = await api(project, ["build"]);
    expect(c.exitCode).toBe(2);
    expect(leaks(project, c.outputs)).toEqual([]);
    project.write({ "models/orders.sql": "select no_such_column from {{ ref('customers') }}\n" });
    const d = await runBin(["build", "--debug"], { project, env: SECRET_ENV, timeoutMs: 60_000 });
    expect(d.exitCode).toBe(1);
    expect(leaks(project, { stdout: d.stdout, stderr: d.stderr })).toEqual([]);
  });

  test("successful runs write neither the password nor the secret anywhere", async () => {
    const project = makeProject({ "profiles.yml": profileText() });
    const outputs: Record<string, string> = {};
    for (const argv of [["build"], ["docs", "generate"], ["ls"], ["debug"], ["compile"], ["run", "--log-format", "json"]]) {
      const r = await api(project, argv);
      expect({ argv, exit: r.exitCode }).toEqual({ argv, exit: 0 });
      outputs[`${argv.join(" ")} stdout`] = r.outputs.stdout;
      outputs[`${argv.join(" ")} stderr`] = r.outputs.stderr;
    }
    expect(fs.existsSync(project.file("target/manifest.json"))).toBe(true);
    expect(fs.existsSync(project.file("logs/dbt.log"))).toBe(true);
    expect(leaks(project, outputs)).toEqual([]);
  });
});
