/**
 * Patterns met in public dbt projects (dbt-expectations' integration tests) that tsdbt got wrong.
 * Each expected value is what dbt-core 1.10.23 + dbt-postgres gave for the same files (with
 * `target.type` conditions rewritten for the fixture's duckdb target).
 */
import * as fs from "node:fs";
import { makeProject, removeAllProjects, runApi } from "./helpers/fixture-project";

afterAll(() => removeAllProjects());

interface TestNode {
  config: Record<string, unknown>;
  unrendered_config: Record<string, unknown>;
}

describe("a data test's config written with Jinja", () => {
  it("is rendered when the test is built: enabled and severity from target, other config as written", async () => {
    const p = makeProject({
      "models/schema.yml": [
        "version: 2",
        "models:",
        "  - name: customers",
        "    columns:",
        "      - name: id",
        "        tests:",
        "          - unique:",
        "              config:",
        "                enabled: \"{{ target.type not in ['bigquery', 'spark'] }}\"",
        "                severity: \"{{ 'warn' if target.type == 'duckdb' else 'error' }}\"",
        "                error_if: \"{{ '>' ~ 10 }}\"",
        "          - not_null:",
        "              enabled: \"{{ target.name == 'nope' }}\"",
        "          - accepted_values:",
        "              values: [1, 2]",
        "              quote: false",
        "              severity: \"{{ 'warn' }}\"",
        "              config:",
        "                meta: {owner: \"{{ target.name }}\"}",
        "",
      ].join("\n"),
    });
    const r = await runApi(["parse"], { project: p });
    expect(r.exitCode).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8")) as { nodes: Record<string, TestNode>; disabled: Record<string, unknown> };
    const byPrefix = (prefix: string) => Object.entries(manifest.nodes).find(([id]) => id.startsWith(prefix))![1];
    const unique = byPrefix("test.fixture.unique_customers_id.");
    expect({ enabled: unique.config.enabled, severity: unique.config.severity, error_if: unique.config.error_if, warn_if: unique.config.warn_if }).toEqual({ enabled: true, severity: "warn", error_if: ">10", warn_if: "!= 0" });
    expect(unique.unrendered_config).toEqual({ severity: "warn", enabled: true, error_if: ">10" });
    const accepted = byPrefix("test.fixture.accepted_values_customers_id__False__1__2.");
    // dbt renders only the text values of config: meta's nested values stay as written
    expect(accepted.config.severity).toBe("warn");
    expect(accepted.config.meta).toEqual({ owner: "{{ target.name }}" });
    expect(Object.keys(manifest.disabled).map((id) => id.replace(/\.[0-9a-f]{10}$/, ""))).toEqual(["test.fixture.not_null_customers_id"]);
  });
});

describe("a macro parameter that is not passed", () => {
  it("is undefined inside the macro even when a macro of the same name exists", async () => {
    const p = makeProject({
      "macros/group_by.sql": [
        "{% macro group_by(n) %}group by {{ n }}{% endmacro %}",
        "",
        "{% macro grouped(model, group_by, row_condition=None) %}",
        "[{{ group_by is defined }}|{% for g in group_by %}{{ g }},{% endfor %}|{{ group_by | join(',') }}|{{ row_condition }}]",
        "{% endmacro %}",
        "",
      ].join("\n"),
      "models/m.sql": "select 1 as id -- {{ grouped('m') }} {{ grouped('m', ['a', 'b']) }}\n",
    });
    const r = await runApi(["compile", "-s", "m"], { project: p });
    expect(r.exitCode).toBe(0);
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/m.sql"), "utf8")).toBe("select 1 as id -- \n[False|||None]\n \n[True|a,b,|a,b|None]\n");
  });
});

describe("a unit test overriding a package's macro", () => {
  it("replaces `package.macro` where the model's macros call it by its package (audit_helper._get_comparison_bounds)", async () => {
    const p = makeProject({
      "dbt_packages/mypkg/dbt_project.yml": "name: mypkg\nversion: '1.0'\nconfig-version: 2\n",
      "dbt_packages/mypkg/macros/bounds.sql": [
        "{% macro bounds(col) %}",
        "  {% if execute %}{% set r = run_query(\"select min(\" ~ col ~ \") as lo from no_such_table_anywhere\") %}{% do return({'lo': r.columns[0].values()[0]}) %}{% endif %}",
        "  {% do return({'lo': 0}) %}",
        "{% endmacro %}",
        "{% macro filtered(col) %}{% set b = mypkg.bounds(col) %}where {{ col }} >= {{ b['lo'] }}{% endmacro %}",
        "",
      ].join("\n"),
      "models/base.sql": "select 1 as id\n",
      "models/m.sql": "select id from {{ ref('base') }} {{ mypkg.filtered('id') }}\n",
      "models/unit.yml": [
        "unit_tests:",
        "  - name: bounds_overridden",
        "    model: m",
        "    overrides:",
        "      macros:",
        "        mypkg.bounds: {lo: 2}",
        "    given:",
        "      - input: ref('base')",
        "        rows: [{id: 1}, {id: 2}, {id: 3}]",
        "    expect:",
        "      rows: [{id: 2}, {id: 3}]",
        "",
      ].join("\n"),
    });
    await runApi(["build", "-s", "base", "m"], { project: p });
    const results = JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")).results as { unique_id: string; status: string }[];
    // dbt-core: the unit test passes with the override; the model itself then fails on the missing table
    expect(Object.fromEntries(results.map((r) => [r.unique_id, r.status]))).toEqual({
      "model.fixture.base": "success",
      "unit_test.fixture.m.bounds_overridden": "pass",
      "model.fixture.m": "error",
    });
  });
});

describe("a pytz zone attached to a datetime (dbt_date's integration tests)", () => {
  it("gives the zone's first offset unless localized, and keeps the offset through arithmetic, as pytz does", async () => {
    const p = makeProject({
      "models/t.sql": [
        "{% set tz = modules.pytz.timezone('America/Los_Angeles') %}",
        "{% set a = modules.datetime.datetime(1997,9,29,6,14,0,tzinfo=tz) %}",
        "{% set b = tz.localize(modules.datetime.datetime(1997,9,29,6,14)) %}",
        "-- {{ a }} {{ a.tzname() }} {{ a.strftime('%Z %z') }} {{ a.isoformat() }}",
        "-- {{ b }} {{ b + modules.datetime.timedelta(days=60) }}",
        "-- {{ a + modules.datetime.timedelta(days=1) }} {{ a.replace(hour=3) }} {{ modules.datetime.datetime(2020,1,1).replace(tzinfo=tz) }}",
        "-- {{ modules.datetime.datetime(2020,6,1,tzinfo=modules.pytz.timezone('Europe/Paris')) }} {{ modules.datetime.datetime(2020,6,1,tzinfo=modules.pytz.timezone('Asia/Kolkata')) }} {{ modules.datetime.datetime(2020,6,1,tzinfo=modules.pytz.timezone('Etc/GMT+5')) }} {{ modules.datetime.datetime(2020,6,1,tzinfo=modules.pytz.utc) }}",
        "-- {{ a.astimezone(modules.pytz.utc) }} {{ a.utcoffset() }} {{ modules.datetime.datetime(2024,1,15,tzinfo=tz).astimezone(tz) }}",
        "select 1 as id",
        "",
      ].join("\n"),
    });
    const r = await runApi(["compile", "-s", "t"], { project: p });
    expect(r.exitCode).toBe(0);
    // dbt-core 1.10 (pytz) printed exactly this
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/t.sql"), "utf8").trim().split("\n")).toEqual([
      "-- 1997-09-29 06:14:00-07:53 LMT LMT -0753 1997-09-29T06:14:00-07:53",
      "-- 1997-09-29 06:14:00-07:00 1997-11-28 06:14:00-07:00",
      "-- 1997-09-30 06:14:00-07:53 1997-09-29 03:14:00-07:53 2020-01-01 00:00:00-07:53",
      "-- 2020-06-01 00:00:00+00:09 2020-06-01 00:00:00+05:53 2020-06-01 00:00:00-05:00 2020-06-01 00:00:00+00:00",
      "-- 1997-09-29 14:07:00+00:00 -1 day, 16:07:00 2024-01-15 00:00:00-07:53",
      "select 1 as id",
    ]);
  });
});

interface ManifestNodeView {
  refs: { name: string }[];
  sources: string[][];
  depends_on: { macros: string[]; nodes: string[] };
}

function manifestNode(p: { file: (rel: string) => string }, id: string): ManifestNodeView {
  return (JSON.parse(fs.readFileSync(p.file("target/manifest.json"), "utf8")) as { nodes: Record<string, ManifestNodeView> }).nodes[id]!;
}

describe("a model that refs the same model twice", () => {
  it("lists every ref() and source() call in the manifest, repeated ones too, whether read statically or rendered", async () => {
    const p = makeProject({
      "models/a.sql": "select 1 as x\n",
      "models/s.yml": "version: 2\nsources:\n  - name: s\n    tables:\n      - name: t\n",
      "models/st.sql": "select * from {{ ref('a') }} join {{ ref('a') }} as a2 on true\n",
      "models/rd.sql": "{% set x = 1 %}select * from {{ ref('a') }} join {{ ref('a') }} as a2 on true join {{ source('s','t') }} on true join {{ source('s','t') }} as t2 on true\n",
    });
    const r = await runApi(["parse"], { project: p });
    expect(r.exitCode).toBe(0);
    // dbt-core 1.10.23: refs [{a}, {a}] for both, sources [[s, t], [s, t]] for the rendered one
    const st = manifestNode(p, "model.fixture.st");
    const rd = manifestNode(p, "model.fixture.rd");
    expect({ refs: st.refs.map((x) => x.name), sources: st.sources }).toEqual({ refs: ["a", "a"], sources: [] });
    expect({ refs: rd.refs.map((x) => x.name), sources: rd.sources }).toEqual({ refs: ["a", "a"], sources: [["s", "t"], ["s", "t"]] });
    expect(rd.depends_on.nodes).toEqual(["source.fixture.s.t", "model.fixture.a"]);
  });
});

describe("project macros named like dbt's context members (dbt-unit-testing's ref, source and is_incremental)", () => {
  const files = {
    "dbt_packages/pk/dbt_project.yml": "name: pk\nversion: '1.0'\nconfig-version: 2\n",
    "dbt_packages/pk/macros/pk.sql": "{% macro ref_from_package(name) %}{{ return(ref(name)) }}{% endmacro %}\n",
    "macros/overrides.sql": [
      "{% macro ref(name) %}{{ return(builtins.ref(name).identifier ~ '_through_project_ref') }}{% endmacro %}",
      "{% macro source(s, t) %}{{ return(builtins.source(s, t).identifier ~ '_through_project_source') }}{% endmacro %}",
      "{% macro is_incremental() %}{{ return('project says ' ~ dbt.is_incremental()) }}{% endmacro %}",
      "{% macro run_query(sql) %}{{ return('project ran ' ~ sql) }}{% endmacro %}",
      "",
    ].join("\n"),
    "models/a.sql": "select 1 as id\n",
    "models/s.yml": "version: 2\nsources:\n  - name: s\n    tables:\n      - name: t\n",
    "models/static_ref.sql": "select * from {{ ref('a') }}\n",
    "models/b.sql": `select '{{ ref("a") }}' as r, '{{ source("s", "t") }}' as s, '{{ is_incremental() }}' as i, '{{ run_query("x") }}' as q, '{{ pk.ref_from_package("a") }}' as p\n`,
  };

  it("take their places for the project's templates and for package macros; builtins and dbt.<name> keep dbt's own", async () => {
    const p = makeProject(files);
    const r = await runApi(["compile", "-s", "static_ref", "b"], { project: p });
    expect(r.exitCode).toBe(0);
    // dbt-core 1.10.23 on the same files
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/static_ref.sql"), "utf8")).toBe("select * from a_through_project_ref");
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/b.sql"), "utf8")).toBe(
      "select 'a_through_project_ref' as r, 't_through_project_source' as s, 'project says False' as i, 'project ran x' as q, 'a_through_project_ref' as p",
    );
    expect(manifestNode(p, "model.fixture.static_ref").depends_on).toEqual({ macros: ["macro.fixture.ref"], nodes: ["model.fixture.a"] });
    const b = manifestNode(p, "model.fixture.b");
    expect(b.depends_on.macros).toEqual(["macro.fixture.ref", "macro.fixture.source", "macro.fixture.is_incremental", "macro.fixture.run_query", "macro.pk.ref_from_package"]);
    expect([...b.depends_on.nodes].sort()).toEqual(["model.fixture.a", "source.fixture.s.t"]);
  });
});

describe("context.update and a package namespace's update (dbt-unit-testing's macro mocks)", () => {
  it("are seen by later lookups: context.get, macros' bare names, and calls through the package's namespace", async () => {
    const p = makeProject({
      "dbt_packages/pk/dbt_project.yml": "name: pk\nversion: '1.0'\nconfig-version: 2\n",
      "dbt_packages/pk/macros/pk.sql": [
        "{% macro greet(n) %}{{ return('hello ' ~ n) }}{% endmacro %}",
        "{% macro greet_through_namespace(n) %}{{ return(pk.greet(n)) }}{% endmacro %}",
        "{% macro remember(k, v) %}{% do context.update({k: v}) %}{% endmacro %}",
        "{% macro recall(k) %}{{ return(context.get(k, 'missing')) }}{% endmacro %}",
        "{% macro recall_bare() %}{{ return(colour) }}{% endmacro %}",
        "",
      ].join("\n"),
      "macros/shout.sql": "{% macro shout(n) %}{{ return('HEY ' ~ n) }}{% endmacro %}\n",
      "models/c.sql":
        "{% do pk.remember('colour', 'blue') %}{% do pk.update({'greet': shout}) %}select '{{ pk.recall(\"colour\") }}' as c, '{{ pk.recall_bare() }}' as cb, '{{ pk.greet(\"x\") }}' as g, '{{ pk[\"greet\"](\"z\") }}' as gi, '{{ pk.greet_through_namespace(\"y\") }}' as g2\n",
      "models/d.sql": "select '{{ pk.greet(\"w\") }}' as untouched\n",
    });
    const r = await runApi(["compile", "-s", "c", "d"], { project: p });
    expect(r.exitCode).toBe(0);
    // dbt-core 1.10.23 on the same files
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/c.sql"), "utf8")).toBe("select 'blue' as c, 'blue' as cb, 'HEY x' as g, 'HEY z' as gi, 'HEY y' as g2");
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/d.sql"), "utf8")).toBe("select 'hello w' as untouched");
    expect(manifestNode(p, "model.fixture.c").depends_on.macros).toEqual(["macro.pk.remember", "macro.pk.recall", "macro.pk.recall_bare", "macro.fixture.shout", "macro.pk.greet_through_namespace"]);
  });
});

describe("a compilation error raised inside macros (fivetran_utils' fill_staging_columns)", () => {
  it("ends the node's message with the macros it passed through, as dbt-core lists them", async () => {
    const p = makeProject({
      "macros/m.sql": [
        "{% macro inner_fail() %}{% if execute %}{{ exceptions.raise_compiler_error('boom from inner') }}{% endif %}{% endmacro %}",
        "{% macro outer_fail() %}{{ return(inner_fail()) }}{% endmacro %}",
        "{% macro inner_type() %}{% if execute %}{{ return(1 + 'a') }}{% endif %}{% endmacro %}",
        "{% macro outer_type() %}{{ return(inner_type()) }}{% endmacro %}",
        "",
      ].join("\n"),
      "models/e1.sql": "select '{{ inner_fail() }}' as a\n",
      "models/e2.sql": "select '{{ outer_fail() }}' as a\n",
      "models/e3.sql": "select '{{ inner_type() }}' as a\n",
      "models/e4.sql": "select '{{ outer_type() }}' as a\n",
      "models/e5.sql": "select '{% if execute %}{{ exceptions.raise_compiler_error(\"direct\") }}{% endif %}' as a\n",
    });
    await runApi(["build", "-s", "e1", "e2", "e3", "e4", "e5"], { project: p });
    const results = JSON.parse(fs.readFileSync(p.file("target/run_results.json"), "utf8")).results as { unique_id: string; message: string }[];
    // dbt-core 1.10.23's messages: a raised compiler error names the macro that raised it, a template
    // error only the macros that called the one it happened in; an error in the model itself names none
    expect(Object.fromEntries(results.map((r) => [r.unique_id, r.message]))).toEqual({
      "model.fixture.e1": "Compilation Error in model e1 (models/e1.sql)\n  boom from inner\n  \n  > in macro inner_fail (macros/m.sql)\n  > called by model e1 (models/e1.sql)",
      "model.fixture.e2":
        "Compilation Error in model e2 (models/e2.sql)\n  boom from inner\n  \n  > in macro inner_fail (macros/m.sql)\n  > called by macro outer_fail (macros/m.sql)\n  > called by model e2 (models/e2.sql)",
      "model.fixture.e3": "Compilation Error in model e3 (models/e3.sql)\n  unsupported operand type(s) for +: 'int' and 'str'",
      "model.fixture.e4": "Compilation Error in model e4 (models/e4.sql)\n  unsupported operand type(s) for +: 'int' and 'str'\n  \n  > in macro outer_type (macros/m.sql)\n  > called by model e4 (models/e4.sql)",
      "model.fixture.e5": "Compilation Error in model e5 (models/e5.sql)\n  direct",
    });
  });
});

describe("a query a template sends while the project compiles (dbt-unit-testing's test queries)", () => {
  it("goes as dbt's compile sends it: the node's query comment, then run_query's SQL on an indented line of its own", async () => {
    const p = makeProject({
      "models/m.sql": "{% if execute %}{% set seen = run_query('select current_query() as q').columns[0].values()[0] %}{% endif %}\nselect '{{ (seen or '') | replace(\"'\", \"''\") }}' as q\n",
    });
    const r = await runApi(["compile", "-s", "m"], { project: p });
    expect(r.exitCode).toBe(0);
    // dbt-core 1.10.23 compiling the same model on PostgreSQL (profile and target names of this fixture's)
    expect(fs.readFileSync(p.file("target/compiled/fixture/models/m.sql"), "utf8")).toBe(
      "\nselect '/* {\"app\": \"dbt\", \"dbt_version\": \"1.10.23\", \"profile_name\": \"fixture\", \"target_name\": \"dev\", \"node_id\": \"model.fixture.m\"} */\n\n    select current_query() as q\n  ' as q",
    );
  });
});
