import { defineDialect, MINIMAL_CAPABILITIES, Relation, type Adapter } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import type { MacroPort } from "../types";
import type { BuildContext, SqlExecutor } from "./build-context";
import { applySchemaChange, diffColumns, onSchemaChangeOf, type OnSchemaChange, type TypedColumn } from "./schema-change";

const dialect = defineDialect({ parserDialect: "postgresql" });
const relation = new Relation({ database: null, schema: "s", identifier: "inc" }, dialect.quote);

/** A build context over a PostgreSQL-style dialect; statements go to the returned executor's list. */
function setup(config: Record<string, unknown> = {}, macros?: MacroPort) {
  const debug: string[] = [];
  const node = { unique_id: "model.proj.inc", name: "inc", original_file_path: "models/inc.sql", config } as unknown as ManifestNode;
  const adapter = { dialect, capabilities: MINIMAL_CAPABILITIES } as unknown as Adapter;
  const context = { node, adapter, relation, macros, debug: (message: string) => debug.push(message), warn: () => undefined } as unknown as BuildContext;
  const sent: string[] = [];
  const executor: SqlExecutor = {
    execute: async (sql: string) => {
      sent.push(sql);
      return { rows: [], rowsAffected: null } as never;
    },
  };
  return { context, executor, sent, debug };
}

const col = (name: string, type: string): TypedColumn => ({ name, type });
const TARGET = [col("ID", "INTEGER"), col("Name", "varchar"), col("amount", "INTEGER"), col("legacy", "TEXT")];
/** New rows: id and name as before (other case, type written differently), amount widened, legacy gone, region new. */
const SOURCE = [col("id", " integer "), col("amount", "BIGINT"), col("region", "VARCHAR"), col("name", "VARCHAR")];

async function apply(mode: OnSchemaChange, source = SOURCE, target = TARGET, macros?: MacroPort) {
  const { context, executor, sent, debug } = setup({}, macros);
  const columns = await applySchemaChange(context, executor, mode, source, target);
  return { columns, sent, debug };
}

/** A macro port with a project override of alter_column_type; its calls are recorded. */
function alterOverride() {
  const calls: unknown[] = [];
  const macros = {
    overrides: (id: string, names: readonly string[]) => (id === "model.proj.inc" && names.includes("alter_column_type") ? ["macro.proj.alter_column_type"] : []),
    call: (id: string, name: string, args: unknown[]) => {
      calls.push([id, name, args]);
      return "";
    },
  } as unknown as MacroPort;
  return { macros, calls };
}

describe("diffColumns", () => {
  it("compares names without case and types without case or surrounding space", () => {
    expect(diffColumns(SOURCE, TARGET)).toEqual({
      added: [{ name: "region", type: "VARCHAR" }],
      removed: [{ name: "legacy", type: "TEXT" }],
      changed: [{ name: "amount", from: "INTEGER", to: "BIGINT" }],
    });
  });

  it("names a changed column as the target spells it", () => {
    expect(diffColumns([col("amount", "bigint")], [col("AMOUNT", "int")]).changed).toEqual([{ name: "AMOUNT", from: "int", to: "bigint" }]);
  });

  it("finds nothing when both sides agree", () => {
    expect(diffColumns([col("a", "int")], [col("A", "INT")])).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe("applySchemaChange", () => {
  it("ignore: sends nothing and writes the shared columns as the target names them, in its order", async () => {
    expect(await apply("ignore")).toMatchObject({ columns: ["ID", "Name", "amount"], sent: [] });
  });

  it.each<OnSchemaChange>(["fail", "append_new_columns", "sync_all_columns"])("%s: sends nothing when the columns did not change", async (mode) => {
    const same = [col("id", "integer"), col("name", "VARCHAR")];
    expect(await apply(mode, same, [col("ID", "INTEGER"), col("NAME", "varchar")])).toMatchObject({ columns: ["ID", "NAME"], sent: [] });
  });

  it("append_new_columns: adds the new column with its type and writes it after the shared ones", async () => {
    expect(await apply("append_new_columns")).toMatchObject({
      columns: ["ID", "Name", "amount", "region"],
      sent: ['alter table "s"."inc" add column "region" VARCHAR'],
    });
  });

  it("sync_all_columns: adds, drops and retypes, and writes the new rows' columns in their order", async () => {
    expect(await apply("sync_all_columns")).toMatchObject({
      columns: ["ID", "amount", "region", "Name"],
      sent: [
        'alter table "s"."inc" add column "region" VARCHAR',
        'alter table "s"."inc" drop column "legacy"',
        'alter table "s"."inc" alter column "amount" type BIGINT',
      ],
    });
  });

  it("sync_all_columns: an overridden alter_column_type macro retypes the column instead of the built-in statement", async () => {
    const { macros, calls } = alterOverride();
    const { sent, debug } = await apply("sync_all_columns", SOURCE, TARGET, macros);
    expect(sent).toEqual(['alter table "s"."inc" add column "region" VARCHAR', 'alter table "s"."inc" drop column "legacy"']);
    expect(calls).toEqual([
      ["model.proj.inc", "alter_column_type", [{ kind: "relation", ref: { database: null, schema: "s", identifier: "inc", type: "table" } }, "amount", "BIGINT"]],
    ]);
    expect(debug).toEqual(["model.proj.inc: alter_column_type renders the overriding macro(s) macro.proj.alter_column_type and sends their SQL."]);
  });

  it("sync_all_columns: does not look for an alter_column_type override when no type changed", async () => {
    const { macros, calls } = alterOverride();
    const { sent, debug } = await apply("sync_all_columns", [col("id", "INTEGER"), col("extra", "INT")], [col("id", "INTEGER")], macros);
    expect(sent).toEqual(['alter table "s"."inc" add column "extra" INT']);
    expect(calls).toEqual([]);
    expect(debug).toEqual([]);
  });

  it.each<[string, TypedColumn[], string[], string[]]>([
    ["a new column only", [col("id", "INTEGER"), col("b", "INTEGER"), col("new", "TEXT")], ['alter table "s"."inc" add column "new" TEXT'], ["id", "b", "new"]],
    ["a missing column only", [col("id", "INTEGER")], ['alter table "s"."inc" drop column "b"'], ["id"]],
    ["a retyped column only", [col("id", "INTEGER"), col("b", "TEXT")], ['alter table "s"."inc" alter column "b" type TEXT'], ["id", "b"]],
  ])("sync_all_columns acts on %s", async (_name, source, statements, columns) => {
    expect(await apply("sync_all_columns", source, [col("id", "INTEGER"), col("b", "INTEGER")])).toMatchObject({ sent: statements, columns });
  });

  it.each<[string, TypedColumn[], string]>([
    ["a missing column only", [col("id", "INTEGER"), col("c", "INTEGER")], "missing columns b"],
    ["a retyped column only", [col("id", "INTEGER"), col("b", "TEXT"), col("c", "INTEGER")], "changed types b (INTEGER → TEXT)"],
    ["several missing and retyped columns", [col("id", "TEXT"), col("b", "TEXT")], "missing columns c; changed types id (INTEGER → TEXT), b (INTEGER → TEXT)"],
    ["several missing columns", [col("id", "INTEGER")], "missing columns b, c"],
  ])("fail names %s", async (_name, source, differences) => {
    const { context, executor } = setup();
    const error = await applySchemaChange(context, executor, "fail", source, [col("id", "INTEGER"), col("b", "INTEGER"), col("c", "INTEGER")]).catch((e: Error) => e);
    expect((error as Error).message).toBe(`The columns of incremental model inc changed (${differences}) and its on_schema_change is 'fail'.`);
  });

  it("sync_all_columns: without an override the macro port is not asked to alter", async () => {
    const macros = { overrides: () => [], call: () => { throw new Error("not expected"); } } as unknown as MacroPort;
    const { sent } = await apply("sync_all_columns", SOURCE, TARGET, macros);
    expect(sent).toContain('alter table "s"."inc" alter column "amount" type BIGINT');
  });

  it("fail: names new, missing and retyped columns, with the file and a hint, and sends nothing", async () => {
    const { context, executor, sent } = setup();
    const error = await applySchemaChange(context, executor, "fail", SOURCE, TARGET).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "TSDBT-E403",
      message:
        "The columns of incremental model inc changed (new columns region; missing columns legacy; changed types amount (INTEGER → BIGINT)) and its on_schema_change is 'fail'.",
      file: "models/inc.sql",
      hint: "Run with --full-refresh to rebuild it, or set on_schema_change to append_new_columns or sync_all_columns.",
    });
    expect(sent).toEqual([]);
  });

  it("fail: names only the kind of difference there is", async () => {
    const { context, executor } = setup();
    const onlyRetyped = [col("ID", "BIGINT"), col("Name", "varchar"), col("amount", "INTEGER"), col("legacy", "TEXT"), col("extra", "INT"), col("more", "INT")];
    const error = await applySchemaChange(context, executor, "fail", onlyRetyped, TARGET).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      "The columns of incremental model inc changed (new columns extra, more; changed types ID (INTEGER → BIGINT)) and its on_schema_change is 'fail'.",
    );
  });
});

describe("onSchemaChangeOf", () => {
  it("is ignore when unset, and takes each known setting", () => {
    expect(onSchemaChangeOf(setup().context, relation)).toBe("ignore");
    for (const mode of ["ignore", "fail", "append_new_columns", "sync_all_columns"]) {
      expect(onSchemaChangeOf(setup({ on_schema_change: mode }).context, relation)).toBe(mode);
    }
  });

  it.each([["explode", '"explode"'], [true, "true"], [["fail"], '["fail"]']])("rejects %p with TSDBT-E404 naming the value and the settings", (value, shown) => {
    const { context } = setup({ on_schema_change: value });
    expect(() => onSchemaChangeOf(context, relation)).toThrow(
      expect.objectContaining({
        code: "TSDBT-E404",
        message: `Model inc ("s"."inc") sets on_schema_change to ${shown}, which is not a known setting.`,
        file: "models/inc.sql",
        hint: "Use one of ignore, fail, append_new_columns, sync_all_columns.",
      }),
    );
  });
});
