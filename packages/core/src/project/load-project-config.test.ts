import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createYamlContext } from "../config/yaml-context";
import { loadProjectConfig, loadProjectHeader, projectConfigFromText } from "./load-project-config";

const load = (text: string, env: Record<string, string> = {}, cliVars = {}) => projectConfigFromText(text, "/p", { env, cliVars });

describe("loadProjectConfig", () => {
  it("fills in dbt's defaults", () => {
    const { value, diagnostics } = load("name: shop\nprofile: shop\n");
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({
      name: "shop",
      profile: "shop",
      configVersion: 2,
      version: null,
      modelPaths: ["models"],
      seedPaths: ["seeds"],
      testPaths: ["tests"],
      macroPaths: ["macros"],
      snapshotPaths: ["snapshots"],
      analysisPaths: ["analyses"],
      assetPaths: [],
      targetPath: "target",
      logPath: "logs",
      packagesInstallPath: "dbt_packages",
      cleanTargets: ["target"],
      onRunStart: [],
      queryComment: { enabled: true, comment: null, append: false, jobLabel: false },
    });
    expect(value!.docsPaths).toEqual(["models", "seeds", "tests", "analyses", "macros", "snapshots"]);
  });

  it("reads every documented key", () => {
    const text = [
      "name: shop",
      "version: '1.0.0'",
      "config-version: 2",
      "model-paths: [transform]",
      "seed-paths: data",
      "target-path: out",
      "clean-targets: [out, dbt_packages]",
      "vars: {start: '2024-01-01', shop: {limit: 3}}",
      "quoting: {identifier: false}",
      "models: {shop: {+materialized: table}}",
      "data_tests: {+severity: warn}",
      "on-run-start: \"create schema if not exists {{ target.schema }}\"",
      "on-run-end: [\"select 1\", \"select 2\"]",
      "dispatch: [{macro_namespace: dbt_utils, search_order: [shop, dbt_utils]}]",
      "flags: {send_anonymous_usage_stats: false}",
      "query-comment: {comment: 'by {{ target.name }}', append: true}",
    ].join("\n");
    const { value, diagnostics } = load(text);
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({
      version: "1.0.0",
      modelPaths: ["transform"],
      seedPaths: ["data"],
      targetPath: "out",
      cleanTargets: ["out", "dbt_packages"],
      vars: { start: "2024-01-01", shop: { limit: 3 } },
      quoting: { identifier: false },
      models: { shop: { "+materialized": "table" } },
      dataTests: { "+severity": "warn" },
      onRunStart: ["create schema if not exists {{ target.schema }}"],
      onRunEnd: ["select 1", "select 2"],
      dispatch: [{ macro_namespace: "dbt_utils", search_order: ["shop", "dbt_utils"] }],
      flags: { send_anonymous_usage_stats: false },
      queryComment: { enabled: true, comment: "by {{ target.name }}", append: true },
    });
  });

  it("renders env_var and var at load time but keeps hooks and vars as written", () => {
    const text = [
      "name: shop",
      "profile: \"{{ env_var('PROFILE', 'fallback') }}\"",
      "target-path: \"{{ var('out', 'target') }}\"",
      "vars: {x: \"{{ env_var('LATER') }}\"}",
      "models:",
      "  shop:",
      "    +schema: \"{{ env_var('SCHEMA') }}\"",
      "    +post-hook: \"grant select on {{ this }} to {{ env_var('ROLE') }}\"",
    ].join("\n");
    const { value, diagnostics } = load(text, { SCHEMA: "analytics" }, { out: "build" });
    expect(diagnostics).toEqual([]);
    expect(value!.profile).toBe("fallback");
    expect(value!.targetPath).toBe("build");
    expect(value!.vars).toEqual({ x: "{{ env_var('LATER') }}" });
    expect(value!.models).toEqual({ shop: { "+schema": "analytics", "+post-hook": "grant select on {{ this }} to {{ env_var('ROLE') }}" } });
  });

  // dbt-core 1.10.23 on a postgres target named dev with threads 1 gave, in manifest.json: materialized 'table',
  // tags ['a', 'b'], meta {threads: 1, threads_text: 't1', var_list: [3, 4]}, pre-hook SQL and on-run-start as written.
  it("renders dbt_project.yml with the target and dbt's base context, natively, except hooks and vars", () => {
    const context = createYamlContext({ env: {}, target: { name: "dev", type: "postgres", schema: "s", profile_name: "p", threads: 1 } });
    const text = [
      "name: shop",
      "vars: {later: \"{{ target.name }}\"}",
      "on-run-start: \"select '{{ target.name }}'\"",
      "models:",
      "  shop:",
      "    +materialized: \"{{ 'table' if target.type == 'postgres' else 'view' }}\"",
      "    +pre-hook: \"select '{{ target.name }}' as pre\"",
      "    +tags: \"{{ var('tag_list', ['a', 'b']) }}\"",
      "    +meta: {threads: \"{{ target.threads }}\", threads_text: \"t{{ target.threads }}\", var_list: \"{{ var('nums', [3, 4]) }}\", which: \"{{ modules.datetime.date(2020, 1, 2) }}\"}",
      "seeds:",
      "  +post-hook: [\"select '{{ target.name }}'\"]",
      "sources:",
      "  +meta: {t: \"{{ target.name }}\"}",
    ].join("\n");
    const { value, diagnostics } = projectConfigFromText(text, "/p", { env: {}, context });
    expect(diagnostics).toEqual([]);
    expect(value!.models).toEqual({
      shop: {
        "+materialized": "table",
        "+pre-hook": "select '{{ target.name }}' as pre",
        "+tags": ["a", "b"],
        "+meta": { threads: 1, threads_text: "t1", var_list: [3, 4], which: "2020-01-02" },
      },
    });
    expect(value!.seeds).toEqual({ "+post-hook": ["select '{{ target.name }}'"] });
    expect(value!.sources).toEqual({ "+meta": { t: "dev" } });
    expect(value!.vars).toEqual({ later: "{{ target.name }}" });
    expect(value!.onRunStart).toEqual(["select '{{ target.name }}'"]);
  });

  // dbt-core 1.10.23 with --vars '{x: "{{ target.name }}"}': `+meta: {x: "{{ var('x') }}"}` in dbt_project.yml gave 'dev',
  // the same in a properties file gave '{{ target.name }}'.
  it("renders the Jinja of a --vars text value that var() returns here (not in properties files)", () => {
    const context = createYamlContext({ env: {}, target: { name: "dev", type: "postgres", schema: "s", profile_name: "p" } });
    const { value } = projectConfigFromText("name: a\nmodels:\n  a:\n    +meta: {x: \"{{ var('x') }}\"}\n", "/p", { env: {}, context, cliVars: { x: "{{ target.name }}" } });
    expect(value!.models).toEqual({ a: { "+meta": { x: "dev" } } });
  });

  it("reads target as dbt does for commands without a profile (every key is empty) when no context is given", () => {
    const { value, diagnostics } = load("name: pkg\nmodels:\n  pkg:\n    +materialized: \"{{ 'table' if target.type in ['duckdb'] else 'view' }}\"\n");
    expect(diagnostics).toEqual([]);
    expect(value!.models).toEqual({ pkg: { "+materialized": "view" } });
  });

  it("warns about a repeated key only when asked (dbt: the root project, not installed packages) and keeps the last value", () => {
    const text = "name: a\nversion: '1.0.0'\nversion: '2.0.0'\nmodels:\n  a:\n    +materialized: view\n    +materialized: table\n";
    const quiet = projectConfigFromText(text, "/p", { env: {} });
    expect(quiet.diagnostics).toEqual([]);
    expect(quiet.value).toMatchObject({ version: "2.0.0", models: { a: { "+materialized": "table" } } });
    const warned = projectConfigFromText(text, "/p", { env: {}, warnDuplicateKeys: true });
    expect(warned.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([
      ["TSDBT-W003", 3, 1],
      ["TSDBT-W003", 7, 5],
    ]);
  });

  it("reads the name and profile before the profile is loaded, rendered without a target", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tsdbt-proj-"));
    await writeFile(path.join(dir, "dbt_project.yml"), "name: shop\nprofile: \"{{ env_var('P', 'dflt') }}_{{ var('suffix', 'x') }}\"\nmodels: {shop: {+schema: \"{{ target.name }}\"}}\n");
    expect(await loadProjectHeader(dir, { env: { P: "prof" }, cliVars: { suffix: "y" } })).toEqual({ value: { name: "shop", profile: "prof_y" }, diagnostics: [] });
  });

  // dbt-core 1.10.23: "Secret env vars are allowed only in profiles.yml or packages.yml. Found 'DBT_ENV_SECRET_X' referenced elsewhere."
  it("refuses a secret env var (DBT_ENV_SECRET…) outside profiles.yml and packages.yml", () => {
    const { diagnostics } = load("name: a\nmodels:\n  a:\n    +meta: {x: \"{{ env_var('DBT_ENV_SECRET_X', 'd') }}\"}\n", { DBT_ENV_SECRET_X: "s3cr3t" });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E027", line: 4, col: 16 });
    expect(diagnostics[0].message).toContain("allowed only in profiles.yml or packages.yml");
    expect(diagnostics[0].message).not.toContain("s3cr3t");
  });

  it("reports a missing env var without default as TSDBT-E004 with its line", () => {
    const { diagnostics } = load("name: shop\nprofile: \"{{ env_var('DBT_PROFILE') }}\"\n");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E004", severity: "error", file: "dbt_project.yml", line: 2, col: 10 });
    expect(diagnostics[0].message).toContain("'DBT_PROFILE'");
    expect(diagnostics[0].hint).toContain("env_var('DBT_PROFILE', ");
  });

  it("warns about an unknown top-level key and suggests the closest one", () => {
    const { value, diagnostics } = load("name: shop\nmodel_paths: [x]\nbanana: 1\n");
    expect(value).not.toBeNull();
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-W001", severity: "warn", line: 2, col: 1 });
    expect(diagnostics[0].message).toContain("did you mean 'model-paths'?".replace("did", "Did"));
    expect(diagnostics[1].message).not.toContain("Did you mean");
  });

  it("reads renamed keys with a warning", () => {
    const { value, diagnostics } = load("name: shop\nsource-paths: [src]\n");
    expect(value!.modelPaths).toEqual(["src"]);
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-W001", line: 2 });
    expect(diagnostics[0].message).toContain("'model-paths'");
  });

  it("reports values of the wrong type at their location", () => {
    const { diagnostics } = load("name: shop\nmodel-paths: {a: 1}\n");
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E003", line: 2, col: 14 });
    expect(diagnostics[0].message).toContain("'model-paths'");
  });

  it("reports a missing or invalid name, config-version 1 and a bad dispatch", () => {
    expect(load("profile: x\n").diagnostics[0]).toMatchObject({ code: "TSDBT-E003", line: 1 });
    expect(load("name: my-shop\n").diagnostics[0].message).toContain("'my-shop' is not valid");
    expect(load("name: a\nconfig-version: 1\n").diagnostics[0]).toMatchObject({ code: "TSDBT-E003", line: 2 });
    expect(load("name: a\ndispatch: [{macro_namespace: x}]\n").diagnostics[0]).toMatchObject({ code: "TSDBT-E003", line: 2 });
    expect(load("name: a\ntests: {}\ndata_tests: {}\n").diagnostics[0]).toMatchObject({ code: "TSDBT-E003" });
  });

  it("warns when require-dbt-version excludes the version tsdbt follows", () => {
    expect(load("name: a\nrequire-dbt-version: ['>=1.0.0', '<2.0.0']\n").diagnostics).toEqual([]);
    const { diagnostics } = load("name: a\nrequire-dbt-version: '>=2.0.0'\n");
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-W002", severity: "warn", line: 2 });
  });

  it("turns an empty query-comment off", () => {
    expect(load("name: a\nquery-comment: null\n").value!.queryComment.enabled).toBe(false);
    expect(load("name: a\nquery-comment: ''\n").value!.queryComment.enabled).toBe(false);
  });

  it("reports a YAML syntax error as TSDBT-E001", () => {
    const { value, diagnostics } = load("name: a\nmodels:\n  x: [1,\n");
    expect(value).toBeNull();
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E001", file: "dbt_project.yml" });
  });

  it("reports a missing dbt_project.yml as TSDBT-E002 with a hint", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tsdbt-proj-"));
    const missing = await loadProjectConfig(dir, { env: {} });
    expect(missing.value).toBeNull();
    expect(missing.diagnostics[0]).toMatchObject({ code: "TSDBT-E002", severity: "error" });
    expect(missing.diagnostics[0].message).toContain(dir);
    expect(missing.diagnostics[0].hint).toContain("--project-dir");
    await writeFile(path.join(dir, "dbt_project.yml"), "name: found\n");
    const found = await loadProjectConfig(dir, { env: {} });
    expect(found.value).toMatchObject({ name: "found", projectDir: dir });
  });
});
