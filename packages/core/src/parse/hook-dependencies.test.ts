import { parseProject } from "./parse-project";
import { writeMiniProject } from "./__fixtures__/mini-project";

// what dbt-core 1.10.23 wrote to manifest.json for the same files: each node's depends_on
const FILES = {
  "dbt_project.yml": [
    "name: mini",
    "profile: mini",
    "on-run-start:",
    '  - "{{ start_macro() }}"',
    '  - "select 1"',
    "models:",
    "  mini:",
    '    +pre-hook: "{{ project_pre() }}"',
    "",
  ].join("\n"),
  "macros/m.sql": [
    "{% macro start_macro() %}select 'start'{% endmacro %}",
    "{% macro project_pre() %}select 'pp'{% endmacro %}",
    "{% macro post_macro(x) %}select '{{ x }}'{% endmacro %}",
    "{% macro body_macro() %}1{% endmacro %}",
    "{% macro in_execute() %}2{% endmacro %}",
  ].join("\n"),
  "models/a.sql": [
    "{{ config(post_hook=[\"{{ post_macro(this) }}\", \"select * from {{ ref('b') }}\"]) }}",
    "{% if execute %}{{ in_execute() }}{% endif %}",
    "select {{ body_macro() }} as id",
  ].join("\n"),
  "models/b.sql": "select 1 as id\n",
  "seeds/s1.csv": "id\n1\n",
  "seeds/s.yml": [
    "version: 2",
    "seeds:",
    "  - name: s1",
    "    config:",
    "      post_hook: \"{{ post_macro('seed') }}\"",
    "sources:",
    "  - name: raw",
    "    schema: raw",
    "    tables: [{name: t}]",
  ].join("\n"),
  "snapshots/snap.sql": [
    "{% snapshot snap %}",
    "{{ config(unique_key='id', strategy='check', check_cols='all', target_schema='snaps', pre_hook=\"{{ post_macro('snap') }} {% if execute %}{{ in_execute() }}{% endif %} select * from {{ source('raw', 't') }}\") }}",
    "select * from {{ ref('b') }}",
    "{% endsnapshot %}",
  ].join("\n"),
};

describe("hooks rendered while parsing (dbt-core 1.10.23 oracle)", () => {
  it("add the refs, sources and macros of a node's pre- and post-hooks to its dependencies, after the body's", async () => {
    const { manifest } = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
    const dependsOn = (id: string) => manifest.nodes[id]!.depends_on;
    expect(dependsOn("model.mini.a")).toEqual({ macros: ["macro.mini.body_macro", "macro.mini.project_pre", "macro.mini.post_macro"], nodes: ["model.mini.b"] });
    expect(dependsOn("model.mini.b")).toEqual({ macros: ["macro.mini.project_pre"], nodes: [] });
    expect(dependsOn("snapshot.mini.snap")).toEqual({ macros: ["macro.mini.post_macro"], nodes: ["source.mini.raw.t", "model.mini.b"] });
    expect(dependsOn("seed.mini.s1").macros).toEqual(["macro.mini.post_macro"]);
  });

  it("give an on-run-start operation its SQL's macros, then those of the models' hooks it takes by its fqn", async () => {
    const { manifest } = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
    expect(manifest.nodes["operation.mini.mini-on-run-start-0"]!.depends_on.macros).toEqual(["macro.mini.start_macro", "macro.mini.project_pre"]);
    expect(manifest.nodes["operation.mini.mini-on-run-start-1"]!.depends_on.macros).toEqual(["macro.mini.project_pre"]);
  });
});
