import type { QueryResult } from "@tsdbt/adapter-api";
import type { SyncWarehouse } from "../context/warehouse";
import type { ManifestNode } from "../manifest/types";
import { writeMiniProject } from "../parse/__fixtures__/mini-project";
import { parseProject, type ParsedProject } from "../parse/parse-project";
import { indexManifest } from "./execution-scope";
import { MaterializationMacros } from "./materialization-macros";
import { NodeCompiler } from "./node-compiler";

/** The text dbt's run_query macro sends for `sql`: its statement block puts the SQL on an indented line of its own. */
const sentByRunQuery = (sql: string) => `\n    ${sql}\n  `;

/**
 * Jinja materializations and overridable built-in steps as the runner calls them: which macro a
 * node's `materialized` picks, the context it runs with (statements sent to the warehouse or to the
 * open transaction), what it gives back, and macros called with dbt's objects as arguments.
 */
/** dbt's built-in materialization names: an installed package cannot replace these. */
const BUILTIN_NAMES = ["view", "table", "incremental", "materialized_view", "ephemeral", "test", "unit", "snapshot", "seed", "clone"];

const FILES = {
  "packages.yml": "packages:\n  - local: pkg\n",
  "pkg/dbt_project.yml": "name: pkg\n",
  "pkg/macros/materializations.sql": [...BUILTIN_NAMES, "from_pkg"].map((name) => `{% materialization ${name}, default %}{{ return({'relations': []}) }}{% endmaterialization %}\n`).join(""),
  "macros/materializations.sql": [
    "{% materialization table, default %}{{ return({'relations': [this]}) }}{% endmaterialization %}",
    "{% materialization scripted, default %}",
    "{% call statement('main') %}insert into {{ this }} select 1{% endcall %}",
    "{% do run_query('-- sql: ' ~ sql ~ ' | compiled: ' ~ compiled_code) %}",
    "{% for h in pre_hooks %}{% do run_query('-- pre ' ~ h.sql ~ ' ' ~ h.transaction ~ ' ' ~ h.index) %}{% endfor %}",
    "{% for h in post_hooks %}{% do run_query('-- post ' ~ h.sql ~ ' ' ~ h.transaction ~ ' ' ~ h.index) %}{% endfor %}",
    "{{ return({'relations': [this, api.Relation.create(schema='other', identifier='t2', type='view')]}) }}",
    "{% endmaterialization %}",
    "{% materialization returns_nothing, default %}select 1{% endmaterialization %}",
    "{% materialization returns_none, default %}{{ return(none) }}{% endmaterialization %}",
    "{% materialization returns_no_list, default %}{{ return({'relations': 'm'}) }}{% endmaterialization %}",
    "{% materialization returns_names, default %}{{ return({'relations': [this, 'm']}) }}{% endmaterialization %}",
    "{% materialization probed, default %}{% do run_query('-- incremental ' ~ is_incremental()) %}{% if load_agate_table is defined %}{% do run_query('-- seed rows ' ~ (load_agate_table().rows | length)) %}{% endif %}{{ return({'relations': []}) }}{% endmaterialization %}",
    "{% materialization fetched, default %}{% call statement('main', fetch_result=True) %}select 4 as failures, true as should_warn{% endcall %}{{ return({'relations': []}) }}{% endmaterialization %}",
    "{% macro sends(text) %}{% do run_query(text) %}sent{% endmacro %}",
    "{% macro describe(s, n, flag, nothing, items, rel, bare, col, m, d) %}",
    "{{ s }}|{{ n }}|{{ flag }}|{{ nothing }}|{{ items }}|{{ rel }} {{ rel.type }}|{{ bare }}|{{ col.name }} {{ col.data_type }}|{{ m.unique_id }}|{{ d.k }} {{ d.r.identifier }}",
    "{% endmacro %}",
    "{% macro create_table_as(temporary, relation, sql) %}create table {{ relation }} as ({{ sql }}){% endmacro %}",
    "{% macro default__get_create_table_as_sql(temporary, relation, sql) %}{{ create_table_as(temporary, relation, sql) }}{% endmacro %}",
  ].join("\n"),
  "models/m.sql": "{{ config(materialized='scripted', pre_hook=[\"select 'pre'\", {'sql': \"select 'outside'\", 'transaction': False, 'index': 7}], post_hook=\"select 'post'\") }}\nselect 1 as id\n",
};

/** A warehouse that records the statements it receives; an insert affects 3 rows, a test's verdict query gives one row. */
function recorder(): SyncWarehouse & { sent: string[] } {
  const sent: string[] = [];
  return {
    type: "duckdb",
    sent,
    executeSync: (sql: string): QueryResult => {
      sent.push(sql);
      if (sql.includes(" as failures")) return { columns: [{ name: "failures", type: "integer" }, { name: "should_warn", type: "boolean" }], rows: [{ failures: 4, should_warn: true }], rowsAffected: 1 };
      return { columns: [], rows: [], rowsAffected: sql.startsWith("insert") ? 3 : null };
    },
    getColumnsSync: () => [],
    listRelationsSync: () => [],
  };
}

let parsed: ParsedProject;
beforeAll(async () => {
  parsed = await parseProject({ projectDir: writeMiniProject(FILES), env: {} });
});
const macrosWith = (warehouse?: SyncWarehouse) => new MaterializationMacros(new NodeCompiler(parsed.session, indexManifest(parsed.manifest, parsed.project.name, parsed.naming), { execute: true, warehouse }));
const model = () => parsed.manifest.nodes["model.mini.m"] as ManifestNode;
const materialized = (name: string): ManifestNode => ({ ...model(), config: { ...model().config, materialized: name } });

const relation = (ref: Record<string, unknown>) => ({ kind: "relation" as const, ref: ref as never });

describe("MaterializationMacros", () => {
  it("finds the root project's materialization before the built-in, an installed package's only where it is no built-in name", () => {
    const macros = macrosWith();
    // the package defines every built-in name: none of them replaces tsdbt's (undefined) or the project's own
    expect(Object.fromEntries(BUILTIN_NAMES.map((name) => [name, macros.find(materialized(name))?.uniqueId]))).toEqual({
      ...Object.fromEntries(BUILTIN_NAMES.map((name) => [name, undefined])),
      table: "macro.mini.materialization_table_default",
    });
    expect(macros.find(materialized("from_pkg"))?.uniqueId).toBe("macro.pkg.materialization_from_pkg_default");
    expect(macros.find(materialized("scripted"))?.uniqueId).toBe("macro.mini.materialization_scripted_default");
    expect(macros.find(materialized("unknown_kind"))).toBeUndefined();
  });

  it("keeps the built-in table materialization when a package defines one and the project does not", async () => {
    const { "macros/materializations.sql": _own, ...withoutOwn } = FILES;
    const packageOnly = await parseProject({ projectDir: writeMiniProject(withoutOwn), env: {} });
    const macros = new MaterializationMacros(new NodeCompiler(packageOnly.session, indexManifest(packageOnly.manifest, packageOnly.project.name, packageOnly.naming), { execute: true }));
    const node = packageOnly.manifest.nodes["model.mini.m"] as ManifestNode;
    expect(macros.find({ ...node, config: { ...node.config, materialized: "table" } })).toBeUndefined();
  });

  it("runs a materialization with dbt's context (sql, compiled_code, hooks with transaction and index) and gives back its relations and main response", () => {
    const warehouse = recorder();
    const macros = macrosWith(warehouse);
    const outcome = macros.run(model(), macros.find(model())!, { sql: "select 1 as id" });
    expect(warehouse.sent).toEqual([
      'insert into "mini"."main"."m" select 1',
      sentByRunQuery("-- sql: select 1 as id | compiled: select 1 as id"),
      sentByRunQuery("-- pre select 'pre' True None"),
      sentByRunQuery("-- pre select 'outside' False 7"),
      sentByRunQuery("-- post select 'post' True None"),
    ]);
    expect(outcome).toEqual({
      relations: [
        { database: "mini", schema: "main", identifier: "m", type: null },
        { database: null, schema: "other", identifier: "t2", type: "view" },
      ],
      message: "INSERT 3",
      rowsAffected: 3,
      ranMain: true,
      mainRow: null,
    });
  });

  it("runs the statements on the open transaction given, with is_incremental() and the seed's rows as asked", () => {
    const base = recorder();
    const transaction = recorder();
    const macros = macrosWith(base);
    macros.run(materialized("probed"), macros.find(materialized("probed"))!, { sql: "select 1", statements: transaction });
    macros.run(materialized("probed"), macros.find(materialized("probed"))!, { sql: "select 1", statements: transaction, isIncremental: true, seedTable: { columns: [{ name: "id", type: "integer" }], rows: [{ id: 1 }, { id: 2 }] } });
    expect(transaction.sent).toEqual([sentByRunQuery("-- incremental False"), sentByRunQuery("-- incremental True"), sentByRunQuery("-- seed rows 2")]);
    expect(macros.call(model(), "sends", ["select 'in the transaction'"], transaction).trim()).toBe("sent");
    expect(transaction.sent.at(-1)).toBe(sentByRunQuery("select 'in the transaction'"));
    expect(base.sent).toEqual([]);
  });

  it("gives no relations when the macro returns no dict with a list of relations, and no message without a main statement", () => {
    const macros = macrosWith(recorder());
    const run = (name: string) => macros.run(materialized(name), macros.find(materialized(name))!, { sql: "select 1" });
    expect(run("returns_nothing")).toEqual({ relations: null, message: null, rowsAffected: null, ranMain: false, mainRow: null });
    expect(run("returns_none")).toEqual({ relations: null, message: null, rowsAffected: null, ranMain: false, mainRow: null });
    expect(run("returns_no_list")).toEqual({ relations: null, message: null, rowsAffected: null, ranMain: false, mainRow: null });
    expect(run("returns_names")).toEqual({ relations: null, message: null, rowsAffected: null, ranMain: false, mainRow: null });
    expect(run("from_pkg")).toEqual({ relations: [], message: null, rowsAffected: null, ranMain: false, mainRow: null });
  });

  it("gives back the first row the main statement fetched, by column name (what decides a test's status)", () => {
    const macros = macrosWith(recorder());
    const outcome = macros.run(materialized("fetched"), macros.find(materialized("fetched"))!, { sql: "select 1" });
    expect(outcome.mainRow).toEqual({ failures: 4, should_warn: true });
    expect(outcome.ranMain).toBe(true);
  });

  it("calls a macro with relations, columns, the model and dicts as dbt's objects, and returns what it renders", () => {
    const macros = macrosWith(recorder());
    const args = [
      "s",
      1,
      true,
      null,
      ["a", ["b"]],
      relation({ database: "db", schema: "sc", identifier: "t", type: "table" }),
      relation({ schema: "sc", identifier: "t", type: null }),
      { kind: "column" as const, name: "c", type: "integer" },
      { kind: "model" as const },
      { kind: "dict" as const, entries: { k: "v", r: relation({ schema: "x", identifier: "y" }) } },
    ];
    expect(macros.call(model(), "describe", args).trim()).toBe(`s|1|True|None|['a', ['b']]|"db"."sc"."t" table|"sc"."t"|c integer|model.mini.m|v y`);
    expect(() => macros.call(model(), "no_such_macro", [])).toThrow("No macro named 'no_such_macro' is visible from model.mini.m.");
  });

  it("lists the project's macros standing in for a built-in step once each, and tells which macros exist", () => {
    const macros = macrosWith();
    expect(macros.overrides(model(), ["get_create_table_as_sql", "create_table_as", "create_table_as"]).map((m) => m.uniqueId)).toEqual([
      "macro.mini.default__get_create_table_as_sql",
      "macro.mini.create_table_as",
    ]);
    expect(macros.overrides(model(), ["create_view_as"])).toEqual([]);
    expect([macros.exists(model(), "describe"), macros.exists(model(), "no_such_macro")]).toEqual([true, false]);
    expect(macros.named(model(), "describe").uniqueId).toBe("macro.mini.describe");
    expect(() => macros.named(model(), "no_such_macro")).toThrow("No macro named 'no_such_macro' is visible from model.mini.m.");
  });
});
