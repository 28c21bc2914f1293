/**
 * The `tsdbt` binary starts the parse's check worker thread before it loads the rest of tsdbt when the
 * project has installed packages (bin/entry.js). Through the real binary: a syntax error in a package
 * macro nothing calls still fails the parse at its line and column, and a clean project gives the
 * manifest an in-process parse (no early worker) gives.
 */
import * as fs from "node:fs";
import { makeProject, removeAllProjects, runApi, runBin } from "./helpers/fixture-project";

afterAll(removeAllProjects);

/** 600 package macros, more text than is checked on the calling thread (48 KiB), `broken` at index 300 when given. */
function packageMacros(broken?: string): string {
  const many = Array.from({ length: 600 }, (_, i) => `{% macro helper_${i}(x) %}\n  coalesce({{ x }}, {{ ${i} }}) -- padding to make the macro longer\n{% endmacro %}\n`);
  if (broken) many.splice(300, 0, broken);
  return many.join("");
}

const packageFiles = (macros: string) => ({
  "dbt_packages/helpers/dbt_project.yml": "name: helpers\nversion: '1.0.0'\nconfig-version: 2\n",
  "dbt_packages/helpers/macros/many.sql": macros,
  "models/uses_helper.sql": "select {{ helpers.helper_7('id') }} as id from {{ ref('customers') }}\n",
});

/** The parts of a manifest that do not change between two parses of the same files (no times, no invocation id). */
function stableManifest(file: string): unknown {
  const manifest = JSON.parse(fs.readFileSync(file, "utf8"), (key, value: unknown) => (key === "created_at" ? undefined : value)) as Record<string, unknown> & { metadata: Record<string, unknown> };
  const { invocation_id: _id, generated_at: _at, invocation_started_at: _started, ...metadata } = manifest.metadata;
  return { ...manifest, metadata };
}

describe("the check worker started by the binary", () => {
  test("a syntax error in a package macro nothing calls fails the parse at its line and column", async () => {
    const p = makeProject(packageFiles(packageMacros("{% macro broken(x) %}\n  {{ x | }}\n{% endmacro %}\n")));
    const r = await runBin(["parse", "--no-partial-parse"], { project: p });
    expect(r.exitCode).toBe(2);
    // the 301st macro: 300 macros of 3 lines before it, its second line, the column after `x |`
    // (the path is the package's own, as in dbt)
    expect(r.stdout + r.stderr).toContain("macros/many.sql:902:10: error TSDBT-J001: Syntax error: Expected a name, got '}}'. (in macro.helpers.broken)");
  });

  test("a clean project gives the manifest of an in-process parse, and compiles the package macro it calls", async () => {
    const p = makeProject(packageFiles(packageMacros()));
    const bin = await runBin(["compile", "--no-partial-parse", "--select", "uses_helper"], { project: p });
    expect(bin.exitCode).toBe(0);
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/uses_helper.sql"), "utf8")).toContain("coalesce(id, 7)");
    const fromBin = stableManifest(p.file("target/manifest.json"));
    fs.rmSync(p.file("target"), { recursive: true });
    expect((await runApi(["compile", "--no-partial-parse", "--select", "uses_helper"], { project: p })).exitCode).toBe(0);
    expect(fromBin).toEqual(stableManifest(p.file("target/manifest.json")));
  });
});
