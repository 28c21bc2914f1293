import { fakeWarehouse, renderWithContext } from "./__fixtures__/render-with-context";

// Expected values: what dbt-core 1.10.23 + dbt-postgres 1.9.0 logged for the same expressions in a
// model `m_parse` ({{ config(materialized='table', full_refresh=false, meta={'owner': 'x'}) }})
// during `dbt parse` (execute false) and `dbt run` (execute true); m1 is a table in rel_helper.
const config = { materialized: "table", full_refresh: false, meta: { owner: "x" }, unique_key: null };

describe("adapter and config while parsing (dbt's parse-time stand-ins)", () => {
  const parse = (template: string) => renderWithContext(template, { execute: false, config });

  it("ref, this and source all name the node being parsed; config.get and require give ''", () => {
    expect(parse("{{ ref('m1') }} | {{ this }} | {{ source('s', 't') }} | {{ config.get('materialized') }}|{{ config.get('materialized', 'dflt') }}|{{ config.require('materialized') }}|{{ config.get('materialized') is none }}")).toBe(
      '"test"."rel_helper"."inline_query" | "test"."rel_helper"."inline_query" | "test"."rel_helper"."inline_query" | |||False',
    );
  });

  it("warehouse methods return None, [], False or an empty table without a connection", () => {
    expect(parse("{{ adapter.get_relation(database='test', schema='rel_helper', identifier='m1') }} | {{ adapter.get_columns_in_relation(ref('m1')) }} | {{ adapter.check_schema_exists('test', 'rel_helper') }} | {{ adapter.already_exists('rel_helper', 'm1') }}")).toBe(
      "None | [] | False | False",
    );
    expect(parse("{{ run_query('select 1') }} | {{ adapter.execute('select 1')[0] }}{{ adapter.execute('select 1')[1] | length }} | {{ adapter.get_missing_columns(ref('m1'), ref('m1')) }} | {{ adapter.drop_relation(ref('m1')) }} | {{ adapter.create_schema(ref('m1')) }} | {{ load_result('x') }} | {{ should_full_refresh() }} | {{ should_store_failures() }}")).toBe(
      " | 0 | [] | None | None | None |  | ",
    );
    expect(parse("{{ adapter.quote('a') }} | {{ adapter.quote_as_configured('a', 'identifier') }} | {{ adapter.quote_seed_column('a', false) }} | {{ adapter.type() }} | {{ load_relation(ref('m1')) }} | {{ adapter.expand_target_column_types(ref('m1'), ref('m1')) }} | {{ adapter.rename_relation(ref('m1'), ref('m1')) }} | {{ adapter.truncate_relation(ref('m1')) }}")).toBe(
      '"a" | "a" | a | postgres | None | None | None | None',
    );
    expect(parse("{{ config.meta_get('owner') }} | {{ config.persist_relation_docs() }} | {{ config.get('nope', 'dflt') }} | {{ adapter.get_column_schema_from_query('select 1') }}")).toBe(" | False |  | []");
  });

  it("config() records the node's config calls, pre_hook renamed pre-hook", () => {
    const seen: Record<string, unknown> = {};
    renderWithContext("{{ config(materialized='view', pre_hook='select 1') }}", { execute: false, config: seen });
    expect(seen).toEqual({ materialized: "view", "pre-hook": "select 1" });
  });
});

describe("adapter and config at run time", () => {
  const m1 = { database: "test", schema: "rel_helper", identifier: "m1", type: "table" as const };

  it("config reads the node's config; get of an unset key gives the default, of a None field None", () => {
    expect(renderWithContext("{{ config.get('materialized') }}|{{ config.get('nope', 'dflt') }}|{{ config.get('nope') }}|{{ config.require('materialized') }}|{{ config.get('full_refresh') }}|{{ config.meta_get('owner') }}|{{ config.get('unique_key', 'uk') }}|{{ should_full_refresh() }}|{{ should_store_failures() }}", { config })).toBe(
      "table|dflt|None|table|False|x|None|False|False",
    );
    expect(() => renderWithContext("{{ config.require('nope') }}", { config })).toThrow("Required config 'nope' was not found for model.relo.inline_query.");
  });

  it("finds relations, with their type, and checks schemas through the warehouse", () => {
    const wh = fakeWarehouse({ relations: [m1], results: (sql) => ({ columns: [{ name: "n", type: "bigint" }], rows: [{ n: sql.includes("'rel_helper'") ? 1 : 0 }] }) });
    expect(renderWithContext("{{ adapter.get_relation(database='test', schema='rel_helper', identifier='m1') }} | {{ adapter.get_relation(database='test', schema='rel_helper', identifier='m1').type }} | {{ adapter.check_schema_exists('test', 'rel_helper') }} | {{ adapter.check_schema_exists('test', 'nope_schema') }} | {{ load_relation(ref('m1')) }} | {{ adapter.get_relation('test', 'rel_helper', 'nope') }}", { warehouse: wh })).toBe(
      '"test"."rel_helper"."m1" | table | True | False | "test"."rel_helper"."m1" | None',
    );
  });

  it("adapter.execute returns dbt's response (printed as the command tag) and an agate table", () => {
    const wh = fakeWarehouse({ results: () => ({ columns: [{ name: "x", type: "integer" }], rows: [{ x: 1 }] }) });
    expect(renderWithContext("{%- set res = adapter.execute('select 1 as x', fetch=True) -%}{{ res[0] }} | {{ res[0].code }} | {{ res[0].rows_affected }} | {{ res[1].rows[0][0] }}", { warehouse: wh })).toBe("SELECT 1 | SELECT | 1 | 1");
  });

  it("reports the engine's status line as the response where it gives one (PostgreSQL's command tag), as dbt-postgres", () => {
    const tags: Record<string, { status: string; rowsAffected: number | null }> = {
      create: { status: "CREATE TABLE", rowsAffected: null },
      insert: { status: "INSERT 0 3", rowsAffected: 3 },
      select: { status: "SELECT 2", rowsAffected: 2 },
    };
    const wh = fakeWarehouse({ results: (sql) => ({ columns: [], rows: [], ...tags[sql.split(" ")[0]!]! }) });
    const template = (sql: string) => `{%- set res = adapter.execute('${sql}') -%}{{ res[0] }} | {{ res[0].code }} | {{ res[0].rows_affected }} | {{ [res[0]] }}`;
    // what dbt 1.10 + dbt-postgres 1.9 render for these statements (oracle)
    expect(renderWithContext(template("create table t (a int)"), { warehouse: wh })).toBe(
      "CREATE TABLE | CREATE TABLE | -1 | [AdapterResponse(_message='CREATE TABLE', code='CREATE TABLE', rows_affected=-1, query_id=None)]",
    );
    expect(renderWithContext(template("insert into t values (1), (2), (3)"), { warehouse: wh })).toBe(
      "INSERT 0 3 | INSERT | 3 | [AdapterResponse(_message='INSERT 0 3', code='INSERT', rows_affected=3, query_id=None)]",
    );
    expect(renderWithContext(template("select * from t"), { warehouse: wh })).toBe("SELECT 2 | SELECT | 2 | [AdapterResponse(_message='SELECT 2', code='SELECT', rows_affected=2, query_id=None)]");
  });

  it("lists missing columns and changes relations with the statements dbt-postgres runs", () => {
    const wh = fakeWarehouse({ relations: [m1], columns: { "rel_helper.m1": [["id", "integer"], ["name", "character varying(20)"]], "rel_helper.m2": [["id", "integer"], ["name", "character varying(10)"]] } });
    const m2 = "api.Relation.create(database='test', schema='rel_helper', identifier='m2', type='table')";
    expect(renderWithContext(`{{ adapter.get_missing_columns(ref('m1'), ${m2}) | map(attribute='name') | list }}|{{ adapter.get_missing_columns(ref('m1'), api.Relation.create(schema='rel_helper', identifier='none')) | map(attribute='name') | list }}`, { warehouse: wh })).toBe("[]|['id', 'name']");
    renderWithContext(
      `{% do adapter.drop_relation(ref('m1').incorporate(type='table')) %}{% do adapter.drop_relation(ref('m1').incorporate(type='view')) %}{% do adapter.truncate_relation(ref('m1')) %}{% do adapter.rename_relation(ref('m1').incorporate(type='table'), ref('m1').incorporate(path={'identifier': 'm1_new'})) %}{% do adapter.expand_target_column_types(ref('m1'), ${m2}) %}`,
      { warehouse: wh },
    );
    expect(wh.statements).toEqual([
      'drop table if exists "test"."rel_helper"."m1" cascade',
      'drop view if exists "test"."rel_helper"."m1" cascade',
      'truncate table "test"."rel_helper"."m1"',
      'alter table "test"."rel_helper"."m1" rename to "m1_new"',
      'alter table "test"."rel_helper"."m2" alter column "name" type character varying(20)',
    ]);
  });

  it("creates and drops schemas through the dispatched create_schema and drop_schema macros, which a project can replace", () => {
    const wh = fakeWarehouse();
    const macros = {
      postgres__create_schema: "{% macro postgres__create_schema(relation) %}{% do run_query('create ' ~ relation.without_identifier().include(database=false)) %}{% endmacro %}",
      default__drop_schema: "{% macro default__drop_schema(relation) %}{% do run_query('drop ' ~ relation.without_identifier()) %}{% endmacro %}",
    };
    renderWithContext("{% do adapter.create_schema(api.Relation.create(database='test', schema='new_s')) %}{% do adapter.drop_schema(api.Relation.create(database='test', schema='new_s', identifier='t')) %}", { warehouse: wh, macros });
    // (each through dbt's run_query macro, whose statement block puts the SQL on an indented line of its own)
    expect(wh.statements).toEqual(['\n    create "new_s"\n  ', '\n    drop "test"."new_s"\n  ']);
  });

  it("refuses a string where a relation is needed", () => {
    expect(() => renderWithContext("{{ adapter.get_columns_in_relation('test.rel_helper.m1') }}", { warehouse: fakeWarehouse() })).toThrow("adapter.get_columns_in_relation: 'relation' must be a Relation");
  });

  it("should_full_refresh, load_relation: dbt's global macros, unless the project defines its own", () => {
    expect(renderWithContext("{{ should_full_refresh() }} {{ dbt.should_full_refresh() }} {{ should_store_failures() }}", { flags: { FULL_REFRESH: true }, config: {} })).toBe("True True False");
    expect(renderWithContext("{{ should_full_refresh() }}", { flags: { FULL_REFRESH: true }, config: { full_refresh: false } })).toBe("False");
    expect(renderWithContext("{{ should_full_refresh() }}", { macros: { should_full_refresh: "{% macro should_full_refresh() %}custom{% endmacro %}" } })).toBe("custom");
  });
});
