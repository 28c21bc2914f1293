import type { QueryResult } from "@tsdbt/adapter-api";
import type { SyncWarehouse } from "../context/warehouse";
import type { ManifestNode } from "../manifest/types";
import { writeMiniProject } from "../parse/__fixtures__/mini-project";
import { parseProject, type ParsedProject } from "../parse/parse-project";
import { indexManifest } from "./execution-scope";
import { INLINE_FILE, NodeCompiler, type NodeCompilerOptions } from "./node-compiler";
import type { QueryComment } from "./query-comment";

/**
 * The statements templates send themselves (run_query, statement, adapter.*) as the warehouse
 * receives them: with the project's query comment of the node being rendered (or of the run),
 * placed as dbt-core 1.10 places it (before the statement; appended after it, and before a final
 * `;`), and on the open transaction when a hook runs inside one (its sender comments those).
 */
const FILES = {
  "models/m.sql": "{% if execute %}{% do run_query('select 1') %}{% endif %}\nselect 1 as id\n",
  // only ref/source/this/config/a macro call with literal arguments: compiled without a render
  "models/static.sql": "{{ config(materialized='table') }}\nselect '{{ this }}' as me, {{ quoted('x') }} as x from {{ ref('m') }} join {{ source('raw', 't') }} using (id) join {{ ref('eph') }} using (id)\n",
  "models/static_too.sql": "select * from {{ ref('eph') }}\n",
  "models/eph.sql": "{{ config(materialized='ephemeral') }}\nselect {% for i in [1] %}{{ i }}{% endfor %} as id\n",
  "macros/quoted.sql": "{% macro quoted(text) %}'{{ text }}'{% endmacro %}\n",
  "models/sources.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: t\n",
  "analyses/an.sql": "select 1 as id\n",
  "models/schema.yml": "version: 2\nmodels:\n  - name: m\n    columns:\n      - name: id\n        data_tests: [unique]\n  - name: eph\n    columns:\n      - name: id\n        data_tests: [not_null]\n",
};

function recorder(): SyncWarehouse & { sent: string[] } {
  const sent: string[] = [];
  return {
    type: "duckdb",
    sent,
    executeSync: (sql: string): QueryResult => {
      sent.push(sql);
      return { columns: [], rows: [] };
    },
    getColumnsSync: () => [],
    listRelationsSync: () => [],
  };
}

let parsed: ParsedProject;
beforeAll(async () => {
  parsed = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
});
const compilerWith = (options: Partial<NodeCompilerOptions>) => new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true, ...options });
const nodeNamed = (name: string) => Object.values(parsed.manifest.nodes).find((n) => n.name === name) as ManifestNode;
/** A query comment naming the node, or "the run" for statements of no node. */
/** The text dbt's run_query macro sends for `sql`: its statement block puts the SQL on an indented line of its own. */
const sentByRunQuery = (sql: string) => `\n    ${sql}\n  `;
const naming = (append: boolean) => (node: ManifestNode | null): QueryComment => ({ text: node ? `for ${node.unique_id}` : "for the run", append });

describe("NodeCompiler", () => {
  it("puts the node's query comment before the statements its template sends, and the run's before those of a text of no node", () => {
    const warehouse = recorder();
    const compiler = compilerWith({ warehouse, queryComment: naming(false) });
    compiler.compile(nodeNamed("m"));
    compiler.renderText("{% do run_query('select 2') %}", null, "dbt_project.yml");
    expect(warehouse.sent).toEqual([`/* for model.mini.m */\n${sentByRunQuery("select 1")}`, `/* for the run */\n${sentByRunQuery("select 2")}`]);
  });

  it("appends the comment as dbt does: after the statement's last character, before a final semicolon", () => {
    const warehouse = recorder();
    const compiler = compilerWith({ warehouse, queryComment: naming(true) });
    compiler.renderText("{% do run_query('select 3  \\n') %}{% do run_query('select 4;\\n') %}", null, "dbt_project.yml");
    // dbt strips the trailing blanks (the macro's too), and puts the comment before a final semicolon
    expect(warehouse.sent).toEqual(["\n    select 3\n/* for the run */", "\n    select 4\n/* for the run */;"]);
  });

  it("keeps a */ in the comment from ending it early", () => {
    const warehouse = recorder();
    compilerWith({ warehouse, queryComment: () => ({ text: "a */ b", append: false }) }).renderText("{% do run_query('select 5') %}", null, "dbt_project.yml");
    expect(warehouse.sent).toEqual([`/* a * / b */\n${sentByRunQuery("select 5")}`]);
  });

  it("sends nothing commented without a query comment, and a hook's statements on the open transaction as they are", () => {
    const plain = recorder();
    compilerWith({ warehouse: plain }).renderText("{% do run_query('select 6') %}", null, "dbt_project.yml");
    expect(plain.sent).toEqual([sentByRunQuery("select 6")]);
    const base = recorder();
    const transaction = recorder();
    compilerWith({ warehouse: base, queryComment: naming(false) }).renderText("{% do run_query('select 7') %}", nodeNamed("m"), "models/m.sql", undefined, transaction);
    expect([base.sent, transaction.sent]).toEqual([[], [sentByRunQuery("select 7")]]);
  });

  it("renders a text for a data test in the test's context (its query comment is not the test's SQL)", () => {
    const test = nodeNamed("unique_m_id");
    expect(compilerWith({}).renderText("for {{ model.unique_id }}", test, "dbt_project.yml")).toBe(`for ${test.unique_id}`);
    // the test's arguments are not evaluated for such a text: the ephemeral model a test reads is no CTE of it
    const onEphemeral = nodeNamed("not_null_eph_id");
    expect(compilerWith({}).renderText("for {{ model.unique_id }}", onEphemeral, "dbt_project.yml")).toBe(`for ${onEphemeral.unique_id}`);
  });

  it("gives a render the extra names of the compiler and of the call", () => {
    const compiler = compilerWith({ extra: { run_name: "nightly", shared: "compiler's" } });
    expect(compiler.renderText("{{ run_name }} {{ shared }} {{ own }}", nodeNamed("m"), "models/m.sql", { own: "call's", shared: "call's" })).toBe("nightly call's call's");
  });

  it("renders a hook with is_incremental() as the run asks (false unless told: a first run, a table)", () => {
    const compiler = compilerWith({});
    const text = "select {{ is_incremental() }}";
    expect([compiler.renderText(text, nodeNamed("m"), "models/m.sql"), compiler.renderText(text, nodeNamed("m"), "models/m.sql", undefined, undefined, undefined, true)]).toEqual(["select False", "select True"]);
  });

  it("refuses a ref() to a name no model, seed or snapshot has (an analysis is none) and a source() of a missing table, naming who asked", () => {
    const compiler = compilerWith({});
    const failure = (text: string, file: string) => {
      try {
        compiler.renderText(text, null, file);
      } catch (e) {
        const err = e as { code?: string; message: string; file?: string; cause?: { code?: string; message: string } };
        return [err.cause?.code ?? err.code, (err.cause ?? err).message, err.file ?? null];
      }
      return "rendered";
    };
    expect([failure("select * from {{ ref('an') }}", INLINE_FILE), failure("select * from {{ source('raw', 'nope') }}", "dbt_project.yml")]).toEqual([
      ["TSDBT-E012", "sql_operation.mini.inline_query depends on a node named 'an', which was not found.", "<inline>"],
      ["TSDBT-E014", "sql_operation.mini.inline depends on source 'raw.nope', which was not found.", "dbt_project.yml"],
    ]);
  });

  it("renders no template for models whose Jinja is only ref/source/this/config and calls with literal arguments, and an ephemeral model once for all its users", () => {
    const render = jest.spyOn(parsed.session.env, "render");
    const compiler = compilerWith({});
    const sql = ["static", "static_too"].map((name) => compiler.compile(nodeNamed(name)).sql);
    expect(sql).toEqual([
      // a config() line renders as an empty first line (here and in the ephemeral's CTE); a source's schema is its name
      `\nwith __dbt__cte__eph as (\n\nselect 1 as id\n) select '"mini"."main"."static"' as me, 'x' as x from "mini"."main"."m" join "mini"."raw"."t" using (id) join __dbt__cte__eph using (id)`,
      "with __dbt__cte__eph as (\n\nselect 1 as id\n) select * from __dbt__cte__eph",
    ]);
    // the ephemeral model's loop needs the renderer, once
    expect(render.mock.calls.map((call) => call[2]?.file)).toEqual(["models/eph.sql"]);
    // and with fullRender every node renders, to the same SQL
    render.mockClear();
    const full = compilerWith({ fullRender: true });
    expect(["static", "static_too"].map((name) => full.compile(nodeNamed(name)).sql)).toEqual(sql);
    expect(render.mock.calls.map((call) => call[2]?.file)).toEqual(["models/static.sql", "models/eph.sql", "models/static_too.sql"]);
    render.mockRestore();
  });
});
