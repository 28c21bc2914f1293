import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NodeCompiler } from "../compile/node-compiler";
import { indexManifest } from "../compile/execution-scope";
import { parseProject, type ParsedProject } from "../parse/parse-project";

/**
 * Oracle output: each template rendered by dbt-core 1.10.23 + dbt-postgres 1.9.0
 * (packages/core/scripts/record-global-project-macros.mjs). `compare` says how a case is checked:
 * `exact` byte for byte, `statements` with whitespace runs collapsed (none before `;`) (the case goes through
 * get_create_table_as_sql / get_create_view_as_sql, whose layout is tsdbt's own), `error` by message.
 */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "__fixtures__", "global-project-postgres.json"), "utf8")) as {
  cases: { name: string; template: string; compare: "exact" | "statements" | "error"; expected: string }[];
};

const PROFILES: Record<string, string> = {
  postgres: "      host: localhost\n      user: u\n      password: p\n      dbname: d\n",
  duckdb: "      path: x.duckdb\n",
  snowflake: "      account: a\n      user: u\n      password: p\n      database: d\n      warehouse: w\n      role: r\n",
  bigquery: "      method: oauth\n      project: d\n",
};

function writeProject(type: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-global-"));
  const all: Record<string, string> = {
    "dbt_project.yml": "name: glob\nprofile: glob\n",
    "profiles.yml": `glob:\n  target: dev\n  outputs:\n    dev:\n      type: ${type}\n${PROFILES[type]}      schema: s\n`,
    "models/m.sql": "select 1 as id",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function render(parsed: ParsedProject, template: string): string {
  const index = indexManifest(parsed.manifest, parsed.project.name, parsed.naming);
  return new NodeCompiler(parsed.session, index, { execute: true }).renderText(template, null, "<inline>");
}

/** The SQL with whitespace runs as one space and none before `;` (or the cases' `|` separator). */
const collapsed = (sql: string) => sql.replace(/\s+/g, " ").replace(/ ([;|])/g, "$1").trim();

describe("macros of dbt's global project on PostgreSQL", () => {
  let parsed: ParsedProject;
  beforeAll(async () => {
    parsed = await parseProject({ projectDir: writeProject("postgres"), env: {} });
  });

  it.each(fixture.cases.filter((c) => c.compare === "exact").map((c) => [c.name, c] as const))("%s renders dbt's text, whitespace included", (_name, c) => {
    expect(render(parsed, c.template)).toBe(c.expected);
  });

  it.each(fixture.cases.filter((c) => c.compare === "statements").map((c) => [c.name, c] as const))("%s renders dbt's statements", (_name, c) => {
    expect(collapsed(render(parsed, c.template))).toBe(collapsed(c.expected));
  });

  it.each(fixture.cases.filter((c) => c.compare === "error").map((c) => [c.name, c] as const))("%s fails with dbt's message", (_name, c) => {
    expect(() => render(parsed, c.template)).toThrow(c.expected);
  });

  it("gives the contract's column list to get_select_subquery, quoting the columns marked quote", async () => {
    const dir = writeProject("postgres", {
      "models/m.sql": "{{ get_select_subquery('select 1') }}",
      "models/m.yml": "models:\n  - name: m\n    columns:\n      - name: id\n      - name: Big Name\n        quote: true\n      - name: x\n",
    });
    const p = await parseProject({ projectDir: dir, env: {} });
    const index = indexManifest(p.manifest, p.project.name, p.naming);
    // dbt-core 1.10.23 compiled this model to:
    expect(new NodeCompiler(p.session, index, { execute: true }).compile(p.manifest.nodes["model.glob.m"]!).sql).toBe('\n    select id, "Big Name", x\n    from (\n        select 1\n    ) as model_subq');
  });
});

describe("overriding the global project's macros", () => {
  it("a project's default__ or postgres__ version wins, through dispatch", async () => {
    const dir = writeProject("postgres", {
      "macros/mine.sql": "{% macro default__get_batch_size() %}{{ return(500) }}{% endmacro %}{% macro postgres__get_rename_table_sql(relation, new_name) %}rename {{ relation.identifier }} as {{ new_name }}{% endmacro %}",
    });
    const p = await parseProject({ projectDir: dir, env: {} });
    expect(render(p, "{{ get_batch_size() }}|{{ dbt.get_rename_sql(api.Relation.create('d', 's', 'a', type='table'), 'b') }}")).toBe("500|rename a as b");
  });

  it("a project macro of the same name shadows the unqualified call", async () => {
    const dir = writeProject("postgres", { "macros/mine.sql": "{% macro list_relations_without_caching(schema_relation) %}{{ return(['mine']) }}{% endmacro %}" });
    const p = await parseProject({ projectDir: dir, env: {} });
    expect(render(p, "{{ list_relations_without_caching(api.Relation.create('d', 's')) }}")).toBe("['mine']");
  });
});

describe("the global project's DDL on other engines", () => {
  const table = "api.Relation.create('d', 's', 'a', type='table')";
  const view = "api.Relation.create('d', 's', 'a', type='view')";

  it("BigQuery drops without cascade", async () => {
    const p = await parseProject({ projectDir: writeProject("bigquery"), env: {} });
    expect(render(p, `{{ get_drop_sql(${table}) }}|{{ get_drop_sql(${view}) }}`)).toBe("drop table if exists `d`.`s`.`a`|drop view if exists `d`.`s`.`a`");
  });

  it("Snowflake renames to a qualified name (else the relation would move to the session's schema)", async () => {
    const p = await parseProject({ projectDir: writeProject("snowflake"), env: {} });
    expect(collapsed(render(p, `{{ get_rename_sql(${table}, 'b') }}`))).toBe("alter table d.s.a rename to d.s.b");
  });

  it("DuckDB, which renames nothing atomically, replaces a relation by dropping it and creating the new one", async () => {
    const p = await parseProject({ projectDir: writeProject("duckdb"), env: {} });
    expect(collapsed(render(p, `{{ get_replace_sql(${table}, ${table}, 'select 1') }}`))).toBe('drop table if exists "d"."s"."a" cascade; create table "d"."s"."a" as ( select 1 );');
  });
});
