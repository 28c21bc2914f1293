import * as fs from "node:fs";
import * as path from "node:path";
import { NodeCompiler } from "../compile/node-compiler";
import { indexManifest } from "../compile/execution-scope";
import { parseProject, type ParsedProject } from "../parse/parse-project";
import { writeMiniProject } from "../parse/__fixtures__/mini-project";

/**
 * The model-contract macros of dbt's global project and the adapter methods behind them, against
 * dbt-core 1.10.23 + dbt-postgres 1.9.0 (__fixtures__/contract-macros-postgres.json, recorded by
 * packages/core/scripts/record-global-project-macros.mjs): `exact` byte for byte, `statements` with
 * whitespace collapsed, `error` by message.
 */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "contract-macros-postgres.json"), "utf8")) as {
  cases: { name: string; template: string; compare: "exact" | "statements" | "error"; expected: string }[];
};

function project(files: Record<string, string> = {}): string {
  return writeMiniProject({
    "dbt_project.yml": "name: cm\nprofile: cm\n",
    "profiles.yml": "cm:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n      host: localhost\n      user: u\n      password: p\n      dbname: d\n      schema: s\n",
    "models/m.sql": "select 1 as id",
    ...files,
  });
}

const render = (parsed: ParsedProject, template: string, nodeId?: string) =>
  new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true }).renderText(template, nodeId ? parsed.manifest.nodes[nodeId]! : null, "<inline>");
const collapsed = (sql: string) => sql.replace(/\s+/g, " ").replace(/ ([;|])/g, "$1").trim();

describe("model-contract macros on PostgreSQL (dbt-core 1.10 oracle)", () => {
  let parsed: ParsedProject;
  beforeAll(async () => {
    parsed = await parseProject({ projectDir: project(), env: {} });
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    if (c.compare === "error") expect(() => render(parsed, c.template)).toThrow(c.expected);
    else if (c.compare === "exact") expect(render(parsed, c.template)).toBe(c.expected);
    else expect(collapsed(render(parsed, c.template))).toBe(collapsed(c.expected));
  });
});

describe("a contracted model's DDL through the macros", () => {
  const files = {
    "models/m.sql": "{{ config(materialized='table', contract={'enforced': true}) }} select 1 as id, 'a' as name",
    "models/m.yml": "models:\n  - name: m\n    constraints:\n      - type: check\n        expression: id > 0\n    columns:\n      - name: id\n        data_type: integer\n        constraints: [{type: not_null}]\n      - name: name\n        data_type: string\n        quote: true\n",
  };

  it("lists the contract's typed columns (generic types translated) and constraints, and fills the table in the contract's order", async () => {
    const p = await parseProject({ projectDir: project(files), env: {} });
    expect(collapsed(render(p, "{{ get_table_columns_and_constraints() }}|{{ get_select_subquery('select 1') }}|{{ model.columns.name.data_type }}", "model.cm.m"))).toBe(
      '( id integer not null, "name" TEXT, check (id > 0) )| select id, "name" from ( select 1 ) as model_subq|TEXT',
    );
  });

  it("lets the project replace a step through dispatch: its default__get_column_names is used by get_select_subquery", async () => {
    const p = await parseProject({ projectDir: project({ ...files, "macros/names.sql": "{% macro default__get_column_names() %}only_id{% endmacro %}" }), env: {} });
    expect(collapsed(render(p, "{{ get_select_subquery('select 1') }}", "model.cm.m"))).toBe("select only_id from ( select 1 ) as model_subq");
  });

  it("keeps alias_types: false's data types as written", async () => {
    const p = await parseProject({ projectDir: project({ ...files, "models/m.sql": "{{ config(materialized='table', contract={'enforced': true, 'alias_types': false}) }} select 1 as id" }), env: {} });
    expect(render(p, "{{ model.columns.name.data_type }}", "model.cm.m")).toBe("string");
  });
});

describe("the contract in the create_table_as of Snowflake and BigQuery (a warehouse that describes every query as ID/id of a number)", () => {
  const PROFILES: Record<string, string> = {
    snowflake: "      type: snowflake\n      account: a\n      user: u\n      password: p\n      database: d\n      warehouse: w\n      role: r\n      schema: s\n",
    bigquery: "      type: bigquery\n      method: oauth\n      project: d\n      schema: s\n",
  };
  const describe_ = (type: string) => ({
    type,
    executeSync: (sql: string) => (/__dbt_sbq\s+where false\s+limit 0\s*$/.test(sql) ? { columns: [{ name: type === "snowflake" ? "ID" : "id", type: type === "snowflake" ? "NUMBER(38,0)" : "INT64" }], rows: [] } : { columns: [], rows: [] }),
    getColumnsSync: () => [],
    listRelationsSync: () => [],
  });

  it.each([
    ["snowflake", "create or replace transient table d.s.m ( ID integer not null primary key ) as ( select ID from ( select 1 as id ) as model_subq )"],
    // BigQuery's column class translates the generic `integer` (alias_types)
    ["bigquery", "create or replace table `d`.`s`.`m` ( id INT64 not null primary key not enforced ) as ( select id from ( select 1 as id ) as model_subq )"],
  ])("%s: the typed columns with the engine's constraints, filled from the contract's column list", async (type, expected) => {
    const name = type === "snowflake" ? "ID" : "id";
    const dir = project({
      "profiles.yml": `cm:\n  target: dev\n  outputs:\n    dev:\n${PROFILES[type]}`,
      "models/m.sql": "{{ config(materialized='table', contract={'enforced': true}) }} select 1 as id",
      "models/m.yml": `models:\n  - name: m\n    columns:\n      - name: ${name}\n        data_type: integer\n        constraints: [{type: not_null}, {type: primary_key, warn_unenforced: false}]\n`,
    });
    const p = await parseProject({ projectDir: dir, env: {} });
    const compiler = new NodeCompiler(p.session, indexManifest(p.manifest, p.project.name, p.naming), { execute: true, warehouse: describe_(type) });
    const sql = compiler.renderText("{{ create_table_as(False, this, 'select 1 as id') }}", p.manifest.nodes["model.cm.m"]!, "<inline>");
    expect(collapsed(sql)).toBe(expected);
  });
});
