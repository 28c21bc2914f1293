import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";

// config, schema, tags and fqn of the hook's operation node as dbt-core 1.10.23 wrote them for the same project
describe("the operation node of a project hook (dbt-core 1.10.23 oracle)", () => {
  it("takes the models: config of dbt_project.yml by its fqn [project, hooks, name]", async () => {
    const dir = writeMiniProject({
      "dbt_project.yml": [
        "name: mini",
        "profile: mini",
        "on-run-start:",
        '  - "select 1"',
        "models:",
        "  +tags: ['tg']",
        "  mini:",
        "    +materialized: table",
        "    +schema: sch",
        "    hooks:",
        "      +materialized: incremental",
        "",
      ].join("\n"),
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const hook = manifest.nodes["operation.mini.mini-on-run-start-0"]!;
    expect([hook.config.materialized, hook.config.tags, hook.config.schema, hook.schema, hook.tags, hook.fqn, hook.relation_name, hook.alias]).toEqual([
      "incremental",
      ["tg"],
      "sch",
      "main_sch",
      ["on-run-start", "tg"],
      ["mini", "hooks", "mini-on-run-start-0"],
      null,
      "mini-on-run-start-0",
    ]);
  });
});
