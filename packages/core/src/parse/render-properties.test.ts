import { createYamlContext } from "../config/yaml-context";
import { parseYaml } from "../yaml/parse-yaml";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { createPropertiesRenderer } from "./render-properties";
import { shouldRenderSchemaKey } from "./schema-render-keys";

const target = { name: "dev", type: "postgres", schema: "yaml_helper_s", database: "test", profile_name: "p1", threads: 1 };

function renderer(env: Record<string, string> = {}, read?: Map<string, string | undefined>) {
  return createPropertiesRenderer({
    env,
    context: createYamlContext({ env, target, projectName: "p1" }),
    varsFor: (pkg) => (pkg === "p1" ? { src_schema: "from_root", pkg_var: "root_global" } : {}),
    onEnvRead: (name, value) => read?.set(name, value),
  });
}

describe("createPropertiesRenderer", () => {
  // What dbt-core 1.10.23 wrote in manifest.json for this file (postgres target 'dev', database 'test',
  // schema 'yaml_helper_s', root vars src_schema: from_root and pkg_var: root_global).
  const text = `version: 2
models:
  - name: m1
    description: "desc {{ target.name }}"
    config:
      pre_hook: "select '{{ this }}'"
      meta:
        schema_meta: "{{ target.schema }}"
        pv: "{{ var('pkg_var') }}"
        pn: "{{ project_name }}"
        num: "{{ var('nums', [3, 4]) }}"
    columns:
      - name: id
        description: "col {{ target.name }}"
        tags: ["{{ target.name }}"]
        data_tests:
          - accepted_values:
              values: ["{{ target.name }}", "b"]
    data_tests:
      - dbt_utils_like:
          arg: "{{ target.name }}"
sources:
  - name: src
    database: "{{ target.database }}"
    schema: "{{ var('src_schema', 'raw') }}"
    description: "src {{ target.name }}"
    loaded_at_field: "{{ 'loaded_at' }}"
    meta:
      pn: "{{ project_name }}"
    tables:
      - name: t1
        identifier: "{{ env_var('YAML_ORACLE_TBL', 'tbl_default') }}"
        description: "t {{ target.name }}"
        meta:
          m: "{{ target.name }}"
`;

  it("renders sources and models as dbt does when it reads the file, leaving tests, descriptions and pre_hook for later", () => {
    const read = new Map<string, string | undefined>();
    const diagnostics: Diagnostic[] = [];
    const out = renderer({}, read)(parseYaml(text, "models/schema.yml"), "p1", diagnostics);
    expect(diagnostics).toEqual([]);
    const doc = out.value as { models: Record<string, unknown>[]; sources: Record<string, unknown>[] };
    expect(doc.models[0]).toEqual({
      name: "m1",
      description: "desc {{ target.name }}",
      config: { pre_hook: "select '{{ this }}'", meta: { schema_meta: "yaml_helper_s", pv: "root_global", pn: "p1", num: [3, 4] } },
      columns: [{ name: "id", description: "col {{ target.name }}", tags: ["dev"], data_tests: [{ accepted_values: { values: ["{{ target.name }}", "b"] } }] }],
      data_tests: [{ dbt_utils_like: { arg: "{{ target.name }}" } }],
    });
    expect(doc.sources[0]).toMatchObject({
      database: "test",
      schema: "from_root",
      description: "src {{ target.name }}",
      loaded_at_field: "loaded_at",
      meta: { pn: "p1" },
      tables: [{ name: "t1", identifier: "tbl_default", description: "t {{ target.name }}", meta: { m: "dev" } }],
    });
    // the env var read (unset, default used) is recorded so a later change re-parses
    expect([...read]).toEqual([["YAML_ORACLE_TBL", undefined]]);
    expect(out.locate(["sources", 0, "tables", 0, "identifier"])).toEqual({ line: 32, col: 9 });
  });

  it("reports a value that cannot be rendered at its line, and keeps it as written", () => {
    const diagnostics: Diagnostic[] = [];
    const out = renderer()(parseYaml("sources:\n  - name: s\n    schema: \"{{ var('missing') }}\"\n", "models/s.yml"), "p1", diagnostics);
    expect(diagnostics[0]).toMatchObject({ code: "TSDBT-E008", file: "models/s.yml", line: 3, col: 13 });
    expect((out.value as { sources: { schema: string }[] }).sources[0].schema).toBe("{{ var('missing') }}");
  });

  it("returns a var's text as written, Jinja included (dbt's properties-file var does not render it)", () => {
    const r = createPropertiesRenderer({ env: {}, context: createYamlContext({ env: {}, target }), varsFor: () => ({ x: "{{ target.name }}" }) });
    const out = r(parseYaml("models:\n  - name: a\n    config:\n      meta: {y: \"{{ var('x') }}\"}\n", "m.yml"), "p3", []);
    expect((out.value as { models: { config: unknown }[] }).models[0].config).toEqual({ meta: { y: "{{ target.name }}" } });
  });

  it("returns a file without Jinja as it is", () => {
    const parsed = parseYaml("models:\n  - name: a\n    description: plain\n", "m.yml");
    expect(renderer()(parsed, "p1", [])).toBe(parsed);
  });
});

describe("shouldRenderSchemaKey", () => {
  it("follows dbt's list of keys rendered later", () => {
    expect(shouldRenderSchemaKey("models", ["config", "meta", "x"])).toBe(true);
    // dbt leaves config.pre_hook/post_hook but renders config.post-hook (it gave "select ''" for "select '{{ this }}'")
    expect(shouldRenderSchemaKey("models", ["config", "pre_hook"])).toBe(false);
    expect(shouldRenderSchemaKey("models", ["config", "post-hook"])).toBe(true);
    expect(shouldRenderSchemaKey("models", ["columns", 0, "description"])).toBe(false);
    expect(shouldRenderSchemaKey("models", ["columns", 0, "data_tests", 0])).toBe(false);
    expect(shouldRenderSchemaKey("models", ["columns", 0, "meta"])).toBe(true);
    expect(shouldRenderSchemaKey("models", ["versions", 0, "columns", 0, "description"])).toBe(false);
    expect(shouldRenderSchemaKey("sources", ["tables", 0, "columns", 0, "tests"])).toBe(false);
    expect(shouldRenderSchemaKey("sources", ["tables", 0, "identifier"])).toBe(true);
    expect(shouldRenderSchemaKey("sources", ["loaded_at_query"])).toBe(false);
    expect(shouldRenderSchemaKey("macros", ["arguments", 0, "description"])).toBe(false);
    expect(shouldRenderSchemaKey("metrics", ["type_params", "filter"])).toBe(false);
    expect(shouldRenderSchemaKey("saved_queries", ["query_params", "where", 0])).toBe(false);
    expect(shouldRenderSchemaKey("snapshots", ["relation"])).toBe(false);
  });

  it("renders the text values of a data test's config, as dbt does when it builds the test, and nothing else of the test", () => {
    const config = { where: "{{ 'id > ' ~ 1 }}", tags: ["{{ 'tt' }}"] };
    const test = { unique: { config } };
    expect(shouldRenderSchemaKey("models", ["columns", 0, "data_tests"], [test])).toBe(true);
    expect(shouldRenderSchemaKey("models", ["columns", 0, "data_tests", 0], test)).toBe(true);
    expect(shouldRenderSchemaKey("models", ["columns", 0, "data_tests", 0, "unique"], test.unique)).toBe(true);
    expect(shouldRenderSchemaKey("models", ["columns", 0, "data_tests", 0, "unique", "config"], config)).toBe(true);
    expect(shouldRenderSchemaKey("models", ["columns", 0, "data_tests", 0, "unique", "config", "where"], config.where)).toBe(true);
    // lists and mappings in the config stay as written (dbt kept tags: ["{{ 'tt' }}"])
    expect(shouldRenderSchemaKey("models", ["columns", 0, "data_tests", 0, "unique", "config", "tags"], config.tags)).toBe(false);
    // arguments render when the test compiles
    expect(shouldRenderSchemaKey("models", ["data_tests", 0, "accepted_values", "values"], ["{{ 'x' }}"])).toBe(false);
    expect(shouldRenderSchemaKey("models", ["data_tests", 0, "accepted_values", "arguments"], { values: [] })).toBe(false);
    // a {name:, test_name:, config:} entry
    expect(shouldRenderSchemaKey("sources", ["tables", 0, "data_tests", 0, "config", "severity"], "{{ 'warn' }}")).toBe(true);
    expect(shouldRenderSchemaKey("sources", ["tables", 0, "data_tests", 0, "expression"], "{{ var('x') }} > 0")).toBe(false);
  });
});
