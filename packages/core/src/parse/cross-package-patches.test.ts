import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";

describe("properties that describe a resource of another package (dbt-core 1.10.23 oracle)", () => {
  it("patch the package's model when their own package has none of the name, and their tests run", async () => {
    const dir = writeMiniProject({
      "packages.yml": "packages:\n  - local: dbt_packages/pkga\n  - local: dbt_packages/pkgb\n",
      "models/shared_m.sql": "select 1 as id",
      "models/root.yml": [
        "version: 2",
        "models:",
        "  - name: pa_m",
        "    description: root describes pa_m",
        "    columns:",
        "      - name: id",
        "        description: the id",
        "        tests: [not_null]",
        "  - name: shared_m",
        "    description: root describes shared_m",
        "    columns:",
        "      - name: id",
        "        tests: [unique]",
        "",
      ].join("\n"),
      "dbt_packages/pkga/dbt_project.yml": "name: pkga\n",
      "dbt_packages/pkga/models/pa_m.sql": "select 1 as id",
      "dbt_packages/pkga/models/shared_m.sql": "{{ config(alias='shared_m_a') }}\nselect 2 as id",
      "dbt_packages/pkga/models/a.yml": "version: 2\nmodels:\n  - name: pb_m\n    description: pkga describes pb_m\n    columns:\n      - name: id\n        tests: [not_null]\n",
      "dbt_packages/pkgb/dbt_project.yml": "name: pkgb\n",
      "dbt_packages/pkgb/models/pb_m.sql": "select 1 as id",
    });
    const { manifest, diagnostics } = await parseProject({ projectDir: dir, env: {} });
    const models = Object.values(manifest.nodes).filter((n) => n.resource_type === "model");
    expect(models.map((m) => [m.unique_id, m.description, m.patch_path, Object.fromEntries(Object.entries(m.columns).map(([c, d]) => [c, d.description]))]).sort()).toEqual([
      ["model.mini.shared_m", "root describes shared_m", "mini://models/root.yml", { id: "" }],
      ["model.pkga.pa_m", "root describes pa_m", "mini://models/root.yml", { id: "the id" }],
      ["model.pkga.shared_m", "", null, {}],
      ["model.pkgb.pb_m", "pkga describes pb_m", "pkga://models/a.yml", { id: "" }],
    ]);
    const tests = Object.values(manifest.nodes).filter((n) => n.resource_type === "test");
    expect(tests.map((t) => [t.unique_id, t.config.enabled, t.depends_on.nodes, t.attached_node ?? null]).sort()).toEqual([
      ["test.mini.not_null_pa_m_id.cdadc4f262", true, ["model.pkga.pa_m"], null],
      ["test.mini.unique_shared_m_id.5803968609", true, ["model.mini.shared_m"], "model.mini.shared_m"],
      ["test.pkga.not_null_pb_m_id.f35316a50a", true, ["model.pkgb.pb_m"], null],
    ]);
    expect(diagnostics.filter((d) => d.code === "TSDBT-W010")).toEqual([]);
  });

  it("patch the project's copy of a seed the package ships disabled, and attach their tests to the disabled one", async () => {
    const dir = writeMiniProject({
      "dbt_project.yml": "name: mini\nprofile: mini\nseeds:\n  pkg:\n    exceptions:\n      +enabled: false\n",
      "packages.yml": "packages:\n  - local: dbt_packages/pkg\n",
      "seeds/exceptions.csv": "fct_name,id\nx,1\n",
      "dbt_packages/pkg/dbt_project.yml": "name: pkg\n",
      "dbt_packages/pkg/seeds/exceptions.csv": "fct_name,id\n",
      "dbt_packages/pkg/seeds/seeds.yml": "version: 2\nseeds:\n  - name: exceptions\n    description: Exceptions not to report.\n    columns:\n      - name: fct_name\n        description: the check\n        data_tests: [not_null]\n      - name: id\n",
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const seed = manifest.nodes["seed.mini.exceptions"]!;
    expect([seed.description, seed.patch_path, Object.keys(seed.columns)]).toEqual(["Exceptions not to report.", "pkg://seeds/seeds.yml", ["fct_name", "id"]]);
    const test = manifest.nodes["test.pkg.not_null_exceptions_fct_name.ffac7e8493"]!;
    expect([test.depends_on.nodes, test.attached_node]).toEqual([["seed.mini.exceptions"], "seed.pkg.exceptions"]);
    expect(manifest.disabled["seed.pkg.exceptions"]![0]!.description).toBe("");
  });
});
