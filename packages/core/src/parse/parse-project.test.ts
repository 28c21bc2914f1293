import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DiagnosticError } from "../diagnostics/diagnostic";
import { compileProject } from "../compile/compile-project";
import { parseProject } from "./parse-project";

function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-parse-"));
  const base: Record<string, string> = {
    "dbt_project.yml": [
      "name: shop",
      "profile: shop",
      "vars:",
      "  region: eu",
      "  helpers:",
      "    greeting: hello-from-root",
      "models:",
      "  shop:",
      "    +materialized: table",
      "    +tags: [nightly]",
      "    staging:",
      "      +materialized: view",
      "      +schema: stg",
      "  helpers:",
      "    +materialized: view",
    ].join("\n"),
    "profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/shop.duckdb\n      schema: analytics\n",
    "packages.yml": "packages:\n  - local: dbt_packages/helpers\n",
    "dbt_packages/helpers/dbt_project.yml": "name: helpers\nvars:\n  greeting: hello-from-package\n",
    "dbt_packages/helpers/macros/greet.sql": "{% macro greet() %}'{{ var('greeting') }}'{% endmacro %}\n{% macro cast_text(x) %}{{ return(adapter.dispatch('cast_text', 'helpers')(x)) }}{% endmacro %}\n{% macro default__cast_text(x) %}cast({{ x }} as text){% endmacro %}\n",
    "dbt_packages/helpers/models/helper_model.sql": "select {{ greet() }} as greeting",
  };
  for (const [file, text] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe("parseProject", () => {
  it("applies config with dbt's precedence: folder < properties YAML < config() in the file", async () => {
    const dir = writeProject({
      "models/staging/stg_a.sql": "select 1 as id",
      "models/staging/stg_b.sql": "{{ config(materialized='ephemeral', tags=['own']) }}\nselect 2 as id",
      "models/staging/stg_c.sql": "select 3 as id",
      "models/marts/orders.sql": "select * from {{ ref('stg_a') }}",
      "models/schema.yml": "version: 2\nmodels:\n  - name: stg_c\n    config:\n      materialized: table\n      tags: [yaml]\n",
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const node = (name: string) => manifest.nodes[`model.shop.${name}`];
    expect(node("orders").config.materialized).toBe("table");
    expect(node("stg_a").config.materialized).toBe("view");
    expect(node("stg_c").config.materialized).toBe("table");
    expect(node("stg_b").config.materialized).toBe("ephemeral");
    expect(node("stg_b").tags).toEqual(["nightly", "own"]);
    expect(node("stg_c").tags).toEqual(["nightly", "yaml"]);
    // a custom schema becomes <target schema>_<custom>
    expect(node("stg_a").schema).toBe("analytics_stg");
    expect(node("orders").relation_name).toBe('"shop"."analytics"."orders"');
    expect(node("orders").depends_on.nodes).toEqual(["model.shop.stg_a"]);
  });

  // dbt-core 1.10 writes these hooks into the manifest for the same model
  it("reads before_begin / after_commit / in_transaction hooks of config() as dbt does", async () => {
    const dir = writeProject({
      "models/m.sql": "{{ config(pre_hook=before_begin('select 1 as before_b'), post_hook=[after_commit('select 2 as after_c'), in_transaction('select 4 as in_t')]) }}\nselect 1 as id",
    });
    const { manifest } = await parseProject({ projectDir: dir, env: {} });
    const config = manifest.nodes["model.shop.m"].config;
    expect(config["pre-hook"]).toEqual([{ sql: "select 1 as before_b", transaction: false, index: null }]);
    expect(config["post-hook"]).toEqual([
      { sql: "select 2 as after_c", transaction: false, index: null },
      { sql: "select 4 as in_t", transaction: true, index: null },
    ]);
  });

  it("loads installed packages: their macros, models, vars, and the root project's config for them", async () => {
    const dir = writeProject({
      "models/uses_helpers.sql": "select {{ helpers.cast_text('1') }} as t, {{ greet() if false else 'x' }} as y from {{ ref('helper_model') }}",
    });
    const parsed = await parseProject({ projectDir: dir, env: {} });
    const helper = parsed.manifest.nodes["model.helpers.helper_model"];
    expect(helper.config.materialized).toBe("view");
    await compileProject(parsed, { write: false });
    // the package's var scoped under its name in the root project wins over the package's own
    expect(helper.compiled_code).toBe("select 'hello-from-root' as greeting");
    expect(parsed.manifest.nodes["model.shop.uses_helpers"].compiled_code).toContain("cast(1 as text) as t");
  });

  it("lets the root project override a dispatched macro and generate_schema_name", async () => {
    const dir = writeProject({
      "macros/overrides.sql":
        "{% macro duckdb__cast_text(x) %}({{ x }})::varchar{% endmacro %}\n" +
        "{% macro generate_schema_name(custom_schema_name, node) %}{{ custom_schema_name or target.schema }}{% endmacro %}",
      "models/staging/m.sql": "select {{ helpers.cast_text('1') }} as t",
    });
    const parsed = await parseProject({ projectDir: dir, env: {} });
    await compileProject(parsed, { write: false });
    const m = parsed.manifest.nodes["model.shop.m"];
    expect(m.schema).toBe("stg");
    expect(m.compiled_code).toBe("select (1)::varchar as t");
  });

  // dbt-core 1.10.23 (a log() in the macro, `dbt parse` on a probe project): the naming macros run in a macro
  // context, not the node's: `model` is the macro itself and config.get() gives None, for every node
  it("runs generate_schema_name and generate_alias_name in a macro context, the node only as their argument", async () => {
    const dir = writeProject({
      "macros/naming.sql":
        "{% macro generate_schema_name(custom_schema_name, node) %}{{ model.name }}__{{ node.name }}__{{ config.get('materialized') }}{% endmacro %}\n" +
        "{% macro generate_alias_name(custom_alias_name, node) %}{{ node.name }}_as_{{ model.name }}{% endmacro %}",
      "models/a.sql": "{{ config(materialized='table') }}select 1 as id",
      "models/b.sql": "select 2 as id",
    });
    const parsed = await parseProject({ projectDir: dir, env: {} });
    const [a, b] = [parsed.manifest.nodes["model.shop.a"], parsed.manifest.nodes["model.shop.b"]];
    expect([a.schema, a.alias]).toEqual(["generate_schema_name__a__None", "a_as_generate_alias_name"]);
    expect([b.schema, b.alias]).toEqual(["generate_schema_name__b__None", "b_as_generate_alias_name"]);
  });

  // dbt-core 1.10 compiles the same model to the node's own (custom) schema and its database
  it("gives templates the node's schema and database as `schema` and `database`, and its hooks as pre_hooks/post_hooks", async () => {
    const dir = writeProject({
      "models/m.sql": "{{ config(schema='marts', post_hook='select 2') }}select '{{ schema }}' as s, '{{ database }}' as d, {{ post_hooks | length }} as hooks",
    });
    const parsed = await parseProject({ projectDir: dir, env: {} });
    await compileProject(parsed, { write: false });
    expect(parsed.manifest.nodes["model.shop.m"].compiled_code).toBe("select 'analytics_marts' as s, 'shop' as d, 1 as hooks");
  });

  it("injects ephemeral models as CTEs, nested ones first", async () => {
    const dir = writeProject({
      "models/e1.sql": "{{ config(materialized='ephemeral') }}select 1 as id",
      "models/e2.sql": "{{ config(materialized='ephemeral') }}select id from {{ ref('e1') }}",
      "models/final.sql": "select * from {{ ref('e2') }}",
    });
    const parsed = await parseProject({ projectDir: dir, env: {} });
    await compileProject(parsed, { write: false });
    expect(parsed.manifest.nodes["model.shop.final"].compiled_code).toBe(
      "with __dbt__cte__e1 as (\nselect 1 as id\n),  __dbt__cte__e2 as (\nselect id from __dbt__cte__e1\n) select * from __dbt__cte__e2",
    );
  });

  it("warns about unknown keys in properties entries, with the closest known key", async () => {
    const dir = writeProject({
      "models/a.sql": "select 1 as id",
      "models/schema.yml": "version: 2\nmodels:\n  - name: a\n    descripton: typo\n    columns:\n      - name: id\n        data_test: [unique]\n",
    });
    const { diagnostics } = await parseProject({ projectDir: dir, env: {} });
    const warnings = diagnostics.filter((d) => d.code === "TSDBT-W060").map((d) => [d.message, d.file, d.line, d.col]);
    expect(warnings).toEqual([
      ["'descripton' is not a property of model 'a' and is ignored. Did you mean 'description'?", "models/schema.yml", 4, 5],
      ["'data_test' is not a property of column 'id' and is ignored. Did you mean 'data_tests' or 'data_type'?", "models/schema.yml", 7, 9],
    ]);
  });

  it("reports every broken file at once", async () => {
    const dir = writeProject({
      "models/a.sql": "select * from {{ ref('missing_one') }}",
      "models/b.sql": "select {{ undefined_macro() + 1 }}",
      "models/c.sql": "select {{ unknown_name.attr }} from {{ ref('missing_two') }}",
    });
    const error = await parseProject({ projectDir: dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiagnosticError);
    const codes = (error as DiagnosticError).diagnostics.map((d) => `${d.code} ${d.file}`).sort();
    // c's undefined name is no error (dbt's parse goes on past it): its ref after it is still checked
    expect(codes).toEqual(["TSDBT-E010 models/b.sql", "TSDBT-E012 models/a.sql", "TSDBT-E012 models/c.sql"]);
  });

  it("reports a syntax error in a package macro nothing calls, first, when many macros are checked on a worker thread", async () => {
    // 600 macros, more text than @tsdbt/jinja checks on the calling thread (MIN_WORKER_CHARS, 48 KiB), a broken one among them
    const many = Array.from({ length: 600 }, (_, i) => `{% macro helper_${i}(x) %}\n  coalesce({{ x }}, {{ ${i} }}) -- padding to make the macro longer\n{% endmacro %}\n`);
    many.splice(300, 0, "{% macro broken(x) %}\n  {{ x | }}\n{% endmacro %}\n");
    expect(many.join("").length).toBeGreaterThan(48 * 1024);
    const dir = writeProject({
      "dbt_packages/helpers/macros/many.sql": many.join(""),
      "models/a.sql": "select {{ helpers.helper_7('a') }} as a",
      "models/b.sql": "select {{ 1 + }}",
    });
    const errorsOf = async (fullRender: boolean) => {
      const error = await parseProject({ projectDir: dir, env: {}, fullRender }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiagnosticError);
      return (error as DiagnosticError).diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`);
    };
    const expected = ["TSDBT-J001 macros/many.sql:902:10", "TSDBT-J001 models/b.sql:1:15"];
    expect(await errorsOf(false)).toEqual(expected);
    // checked on this thread, one macro after another, as before the worker
    expect(await errorsOf(true)).toEqual(expected);
  });
});
