import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";

// access, config.access, config.contract and contract as dbt-core 1.10.23 wrote them for the same project
describe("a model's access and contract (dbt-core 1.10.23 oracle)", () => {
  it("take access from config() over properties over dbt_project.yml, and merge contract settings key by key", async () => {
    const dir = writeMiniProject({
      "dbt_project.yml": "name: mini\nprofile: mini\nmodels:\n  mini:\n    +access: public\n    c:\n      +contract: {alias_types: false}\n",
      "models/m_cfg_yml.sql": "{{ config(access='public') }} select 1 as id",
      "models/m_proj.sql": "select 1 as id",
      "models/m_yml.sql": "select 1 as id",
      "models/c/m_contract.sql": "{{ config(contract={'enforced': true}) }} select 1 as id, 'a' as name",
      "models/p.yml": [
        "version: 2",
        "models:",
        "  - name: m_cfg_yml",
        "    access: private",
        "  - name: m_yml",
        "    access: protected",
        "  - name: m_contract",
        "    config:",
        "      materialized: table",
        "    columns:",
        "      - name: name",
        "        data_type: text",
        "      - name: id",
        "        data_type: int",
        "",
      ].join("\n"),
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const models = Object.values(manifest.nodes).filter((n) => n.resource_type === "model");
    expect(models.map((m) => [m.name, m.access, m.config.access, m.config.contract, m.contract]).sort()).toEqual([
      ["m_cfg_yml", "public", "public", { enforced: false, alias_types: true }, { enforced: false, alias_types: true, checksum: null }],
      ["m_contract", "public", "public", { enforced: true, alias_types: false }, { enforced: true, alias_types: false, checksum: "d0e6d6cd5988f2fc848b86a5fde255564a93707db98604db291f339b7e5fb0ed" }],
      ["m_proj", "public", "public", { enforced: false, alias_types: true }, { enforced: false, alias_types: true, checksum: null }],
      ["m_yml", "protected", "protected", { enforced: false, alias_types: true }, { enforced: false, alias_types: true, checksum: null }],
    ]);
  });
});
