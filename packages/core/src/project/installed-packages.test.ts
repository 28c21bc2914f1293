import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadInstalledPackages } from "./installed-packages";
import { createYamlContext } from "../config/yaml-context";
import { projectConfigFromText } from "./load-project-config";

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tsdbt-pkg-"));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

describe("loadInstalledPackages", () => {
  it("loads installed and local packages and reads their declarations", async () => {
    const dir = await tree({
      "shop/packages.yml": "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n  - local: ../helpers\n  - git: \"https://{{ env_var('TOKEN') }}@example.com/x.git\"\n",
      "shop/dbt_packages/dbt_utils/dbt_project.yml": "name: dbt_utils\nmacro-paths: [macros]\n",
      "shop/dbt_packages/x/dbt_project.yml": "name: x\n",
      "shop/dbt_packages/not_a_package/readme.md": "",
      "helpers/dbt_project.yml": "name: helpers\n",
    });
    const root = projectConfigFromText("name: shop\n", path.join(dir, "shop")).value!;
    const { value, diagnostics, declarations } = await loadInstalledPackages(root, { env: { TOKEN: "t0k" } });
    expect(diagnostics).toEqual([]);
    expect(value!.map((p) => p.name)).toEqual(["dbt_utils", "helpers", "x"]);
    expect(value![0].config.file).toBe("dbt_packages/dbt_utils/dbt_project.yml");
    expect(declarations.map((d) => [d.source, d.spec])).toEqual([
      ["package", "dbt-labs/dbt_utils"],
      ["local", "../helpers"],
      ["git", "https://t0k@example.com/x.git"],
    ]);
  });

  // dbt-core 1.10.23: a package's dbt_project.yml sees the root profile's target but not --vars
  // (`var('from_cli', 'not_seen')` gave 'not_seen' with --vars '{from_cli: c}').
  it("renders packages' dbt_project.yml with the given context and without --vars", async () => {
    const dir = await tree({
      "shop/dbt_packages/pkg/dbt_project.yml": "name: pkg\nmodels:\n  pkg:\n    +materialized: \"{{ 'table' if target.type in ['postgres'] else 'view' }}\"\n    +meta: {cli_seen: \"{{ var('from_cli', 'not_seen') }}\"}\n",
    });
    const root = projectConfigFromText("name: shop\n", path.join(dir, "shop")).value!;
    const context = createYamlContext({ env: {}, target: { name: "dev", type: "postgres", schema: "s", profile_name: "p" } });
    const { value, diagnostics } = await loadInstalledPackages(root, { env: {}, cliVars: { from_cli: "c" }, context });
    expect(diagnostics).toEqual([]);
    expect(value![0].config.models).toEqual({ pkg: { "+materialized": "table", "+meta": { cli_seen: "not_seen" } } });
  });

  it("reports TSDBT-E009 naming the packages declared but not installed", async () => {
    const dir = await tree({
      "dependencies.yml": "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n  - git: https://example.invalid/acme/dbt-audit-helper.git\n  - package: calogica/dbt_date\n    version: 0.10.0\n",
      "dbt_packages/dbt_date/dbt_project.yml": "name: dbt_date\n",
    });
    const { value, diagnostics } = await loadInstalledPackages(projectConfigFromText("name: shop\n", dir).value!, { env: {} });
    expect(value!.map((p) => p.name)).toEqual(["dbt_date"]);
    expect(diagnostics[0]).toMatchObject({
      code: "TSDBT-E009",
      file: "dependencies.yml",
      message: "3 package(s) are declared in dependencies.yml but only 1 are installed in dbt_packages; not installed: dbt-labs/dbt_utils, https://example.invalid/acme/dbt-audit-helper.git.",
    });
    expect(diagnostics[0].hint).toContain("tsdbt deps");
  });

  it("reports a malformed packages.yml at its location", async () => {
    const dir = await tree({ "packages.yml": "packages:\n  - version: 1\n" });
    const { diagnostics } = await loadInstalledPackages(projectConfigFromText("name: shop\n", dir).value!, { env: {} });
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E003", file: "packages.yml", line: 2, col: 5 });
  });
});
