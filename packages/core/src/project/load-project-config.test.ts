import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadProjectConfig, projectConfigFromText } from "./load-project-config";

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
