/*
 * A project's overrides of the macros dbt's table and view steps call (create_table_as,
 * create_view_as, persist_docs, create_indexes, apply_grants): the built-in materializations on
 * DuckDB send the SQL the overriding macro renders, and say so in the debug log. The macros are a
 * MacroPort stand-in that renders fixed SQL and records its calls.
 */
import type { Adapter, RelationRef } from "@tsdbt/adapter-api";
import type { MacroValue } from "@tsdbt/core";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";
import type { MacroPort, NodeResult, RunEvent } from "../types";

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dispose } = await openDuckDb()));
afterEach(() => dispose());

const rendered = (value: MacroValue | undefined): string => {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && value.kind === "relation") {
    const ref: RelationRef = value.ref;
    return `"${ref.schema}"."${ref.identifier}"`;
  }
  return JSON.stringify(value);
};

/** Macros overriding `overridden`; the create macros render a `create … as` with a comment naming the override. */
function overriding(overridden: string[]): MacroPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    materialization: () => null,
    runMaterialization: () => ({ relations: [], message: null, rowsAffected: null }),
    overrides: (_id, names) => names.filter((name) => overridden.includes(name)).map((name) => `macro.proj.${name}`),
    exists: () => true,
    call(_id, name, args, statements) {
      calls.push(`${name}(${args.map(rendered).join(", ")})`);
      // as a macro's run_query would: through the transaction's connection when the step gives one
      statements?.executeSync("select 'run_query of the macro'");
      if (name === "get_create_table_as_sql") return `create table ${rendered(args[1])} as ${String(args[2])} /* project's create_table_as */`;
      if (name === "get_create_view_as_sql") return `create view ${rendered(args[0])} as ${String(args[1])} /* project's create_view_as */`;
      return "";
    },
  };
}

async function build(spec: NodeSpec, overridden: string[], capabilities: Partial<Adapter["capabilities"]> = {}): Promise<{ result: NodeResult; sent: string[]; debug: string[]; calls: string[] }> {
  const engine = Object.assign(Object.create(adapter) as Adapter, { capabilities: { ...adapter.capabilities, ...capabilities } });
  const { manifest, compiler, ids } = project(engine, [spec]);
  const macros = overriding(overridden);
  Object.assign(compiler, { macros });
  const events: RunEvent[] = [];
  const summary = await runNodes({ manifest, compiler, adapter: engine, selected: ids, threads: 1, projectDir: "/", onEvent: (e) => events.push(e) });
  return {
    result: summary.results[0]!,
    sent: events.flatMap((e) => (e.kind === "node_sql" ? [e.sql.replace(/\s+/g, " ")] : [])),
    debug: events.flatMap((e) => (e.kind === "node_debug" && e.level === "debug" ? [e.message] : [])),
    calls: macros.calls,
  };
}

const table = (config: Record<string, unknown> = {}): NodeSpec => ({ name: "m", sql: "select 1 as id", config: { materialized: "table", ...config } });

describe("an overridden create_table_as or create_view_as", () => {
  it("sends the override's SQL for the temp table, then renames it in as dbt's table step does", async () => {
    const { result, sent, debug } = await build(table(), ["create_table_as"]);
    expect(result.status).toBe("success");
    expect(sent).toEqual([`create table "main"."m__tsdbt_tmp" as select 1 as id /* project's create_table_as */`, 'alter table "warehouse"."main"."m__tsdbt_tmp" rename to "m"']);
    expect(debug).toContain("model.proj.m: the table step renders the overriding macro(s) macro.proj.create_table_as and sends their SQL.");
    expect(await rows(adapter, "select id from m")).toEqual([{ id: 1 }]);
  });

  it("calls get_create_table_as_sql as dbt's table step does (temporary false), and names every overriding macro", async () => {
    const { result, debug, calls } = await build(table(), ["get_create_table_as_sql", "create_table_as"]);
    expect(result.status).toBe("success");
    expect(calls).toEqual(['get_create_table_as_sql(false, "main"."m__tsdbt_tmp", "select 1 as id")']);
    expect(debug).toContain("model.proj.m: the table step renders the overriding macro(s) macro.proj.get_create_table_as_sql, macro.proj.create_table_as and sends their SQL.");
  });

  it("does the same for a view through get_create_view_as_sql, and leaves the table step alone", async () => {
    const view = await build({ name: "m", sql: "select 2 as id", config: { materialized: "view" } }, ["get_create_view_as_sql"]);
    expect(view.sent[0]).toBe(`create view "main"."m__tsdbt_tmp" as select 2 as id /* project's create_view_as */`);
    expect(view.debug).toContain("model.proj.m: the view step renders the overriding macro(s) macro.proj.get_create_view_as_sql and sends their SQL.");
    await adapter.execute("drop view m");
    const plain = await build(table(), ["get_create_view_as_sql"]);
    expect(plain.sent).toEqual(['create table "warehouse"."main"."m" as ( select 1 as id )']);
    expect(plain.calls).toEqual([]);
    expect(plain.debug.filter((d) => /overriding macro/.test(d))).toEqual([]);
  });
});

describe("overridden steps after the build", () => {
  it("calls create_indexes for a table with indexes, and for nothing else", async () => {
    const indexes = [{ columns: ["id"] }];
    const withIndexes = await build(table({ indexes }), []);
    expect(withIndexes.calls).toEqual(['create_indexes("main"."m")']);
    expect(withIndexes.debug).toContain("model.proj.m: indexes are created through get_create_index_sql.");
    expect((await build(table({ indexes: [] }), [])).calls).toEqual([]);
    expect((await build(table({ indexes: "id" }), [])).calls).toEqual([]);
    expect((await build({ name: "m", sql: "select 1 as id", config: { materialized: "view", indexes } }, [])).calls).toEqual([]);
  });

  it("calls an overridden persist_docs instead of writing comments, and nothing when persist_docs asks for nothing", async () => {
    const spec = (persist: unknown): NodeSpec => ({ ...table({ persist_docs: persist }), description: "Things.", columns: { id: "The key." } });
    const overridden = await build(spec({ relation: true }), ["alter_column_comment"]);
    expect(overridden.calls).toEqual(['persist_docs("main"."m", {"kind":"model"}, true, true)']);
    expect(overridden.debug).toContain("model.proj.m: persist_docs renders the overriding macro(s) macro.proj.alter_column_comment and sends their SQL.");
    expect(await rows(adapter, "select comment from duckdb_tables() where table_name = 'm'")).toEqual([{ comment: null }]);
    expect((await build(spec({ relation: false, columns: false }), ["persist_docs"])).calls).toEqual([]);
    expect((await build(spec({ columns: true }), ["persist_docs"])).calls).toHaveLength(1);
  });

  it("writes only the relation's comment with persist_docs: {relation: true}, and skips an empty description", async () => {
    const base = { ...table({ persist_docs: { relation: true } }), columns: { id: "The key." } };
    await build({ ...base, description: "Things." }, []);
    expect(await rows(adapter, "select comment from duckdb_tables() where table_name = 'm'")).toEqual([{ comment: "Things." }]);
    expect(await rows(adapter, "select comment from duckdb_columns() where table_name = 'm'")).toEqual([{ comment: null }]);
    const { sent } = await build({ ...table({ persist_docs: { relation: true, columns: true } }), columns: { id: "" } }, []);
    // no comment, and no look at the built columns when none is documented
    expect(sent).toEqual(['create or replace table "warehouse"."main"."m" as ( select 1 as id )']);
  });

  it("writes no comment on an engine without comments", async () => {
    const { result, sent } = await build({ ...table({ persist_docs: { relation: true, columns: true } }), description: "Things.", columns: { id: "The key." } }, [], { comments: false });
    expect([result.status, sent]).toEqual(["success", ['create table "warehouse"."main"."m" as ( select 1 as id )']]);
    expect(await rows(adapter, "select comment from duckdb_tables() where table_name = 'm'")).toEqual([{ comment: null }]);
  });

  it("reads a persist_docs set to null as unset", async () => {
    const { result } = await build({ ...table({ persist_docs: null }), description: "Things." }, []);
    expect(result.status).toBe("success");
  });

  it("writes a column's comment on the column as the relation spells it", async () => {
    const { sent } = await build({ name: "m", sql: 'select 1 as "Id"', config: { materialized: "table", persist_docs: { columns: true } }, columns: { id: "The key." } }, []);
    expect(sent).toContain(`comment on column "warehouse"."main"."m"."Id" is 'The key.'`);
    expect(await rows(adapter, "select comment from duckdb_columns() where table_name = 'm'")).toEqual([{ comment: "The key." }]);
  });

  it("calls an overridden apply_grants only on an engine with grants", async () => {
    const granted = await build(table({ grants: { select: ["reporter"] } }), ["apply_grants"]);
    // DuckDB has no grants: one warning, no call
    expect(granted.calls).toEqual([]);
  });
});
