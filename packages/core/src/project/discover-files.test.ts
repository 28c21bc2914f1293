import { createHash } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { discoverProjectFiles } from "./discover-files";
import { projectConfigFromText } from "./load-project-config";

async function makeProject(files: Record<string, string>, projectYaml = "name: shop\n"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tsdbt-disc-"));
  for (const [rel, text] of Object.entries({ "dbt_project.yml": projectYaml, ...files })) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

describe("discoverProjectFiles", () => {
  it("classifies files by resource path and extension, with paths and checksums", async () => {
    const dir = await makeProject({
      "models/staging/stg_orders.sql": "select 1",
      "models/staging/schema.yml": "version: 2\n",
      "models/overview.md": "{% docs overview %}x{% enddocs %}",
      "models/notes.txt": "ignored",
      "macros/cents.sql": "{% macro cents() %}{% endmacro %}",
      "macros/macros.yaml": "macros: []\n",
      "seeds/countries.csv": "code\nNL\n",
      "seeds/seeds.yml": "seeds: []\n",
      "tests/assert_positive.sql": "select 1 where false",
      "tests/fixtures/orders_rows.csv": "id\n1\n",
      "tests/fixtures/orders_rows.sql": "select 1 as id",
      "tests/generic/is_even.sql": "{% test is_even(model, column_name) %}{% endtest %}",
      "snapshots/orders_snap.sql": "{% snapshot s %}{% endsnapshot %}",
      "analyses/adhoc.sql": "select 2",
      "models/.hidden/x.sql": "select 3",
      "target/compiled/x.sql": "select 4",
    });
    const project = projectConfigFromText("name: shop\n", dir).value!;
    const files = await discoverProjectFiles(project, dir);
    expect(files.map((f) => [f.path, f.kind])).toEqual([
      ["analyses/adhoc.sql", "analysis"],
      ["macros/cents.sql", "macro"],
      ["macros/macros.yaml", "properties"],
      ["models/overview.md", "doc"],
      ["models/staging/schema.yml", "properties"],
      ["models/staging/stg_orders.sql", "model"],
      ["seeds/countries.csv", "seed"],
      ["seeds/seeds.yml", "properties"],
      ["snapshots/orders_snap.sql", "snapshot"],
      ["tests/assert_positive.sql", "test"],
      ["tests/fixtures/orders_rows.csv", "fixture"],
      ["tests/fixtures/orders_rows.sql", "fixture"],
      ["tests/generic/is_even.sql", "macro"],
    ]);
    const model = files.find((f) => f.kind === "model")!;
    expect(model).toMatchObject({ packageName: "shop", root: "models", pathInRoot: "staging/stg_orders.sql", contents: "select 1", absolutePath: path.join(dir, "models/staging/stg_orders.sql") });
    expect(model.checksum).toBe(createHash("sha256").update("select 1").digest("hex"));
  });

  it("follows configured paths and docs-paths, skipping the target folder under a root", async () => {
    const dir = await makeProject({
      "transform/a.sql": "select 1",
      "transform/out/b.sql": "select 2",
      "docs/intro.md": "{% docs intro %}{% enddocs %}",
      "transform/c.md": "not read: docs-paths is set",
    });
    const project = projectConfigFromText("name: shop\nmodel-paths: [transform]\ndocs-paths: [docs]\ntarget-path: transform/out\n", dir).value!;
    const files = await discoverProjectFiles(project, dir);
    expect(files.map((f) => [f.path, f.kind])).toEqual([
      ["docs/intro.md", "doc"],
      ["transform/a.sql", "model"],
    ]);
  });

  it("returns nothing for resource paths that do not exist", async () => {
    const dir = await makeProject({});
    expect(await discoverProjectFiles(projectConfigFromText("name: shop\n", dir).value!, dir)).toEqual([]);
  });

  it("takes known files' checksums without reading them, and reads those whose size or mtime changed", async () => {
    const dir = await makeProject({ "models/a.sql": "select 1", "models/b.sql": "select 2" });
    const project = projectConfigFromText("name: shop\n", dir).value!;
    const first = await discoverProjectFiles(project, dir);
    const known = new Map(first.map((f) => [f.absolutePath, { size: f.size, mtimeMs: f.mtimeMs, checksum: f.checksum }]));
    // a checksum that could not come from the file proves it was trusted, not recomputed
    known.set(path.join(dir, "models/a.sql"), { ...known.get(path.join(dir, "models/a.sql"))!, checksum: "trusted" });
    await writeFile(path.join(dir, "models/b.sql"), "select 22");
    const [a, b] = await discoverProjectFiles(project, dir, { known });
    expect(a.checksum).toBe("trusted");
    expect(a.contents).toBe("select 1");
    expect(b.checksum).toBe(createHash("sha256").update("select 22").digest("hex"));
    expect(b.size).toBe(9);
  });
});
