import { defineDialect, Relation } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import type { MacroPort } from "../types";
import type { BuildContext } from "./build-context";
import { renderStrategyMacro, strategyMacro, strategyMacroName } from "./incremental-macros";

/** A macro port where `defined` macros exist and `overridden` built-in macro names have a project override. */
function port(defined: string[], overridden: string[]) {
  const asked: string[][] = [];
  const macros = {
    exists: (_id: string, name: string) => defined.includes(name),
    overrides: (_id: string, names: readonly string[]) => {
      asked.push([...names]);
      return names.filter((n) => overridden.includes(n)).map((n) => `macro.proj.${n}`);
    },
  } as unknown as MacroPort;
  return { macros, asked };
}

function contextWith(macros: MacroPort | undefined, config: Record<string, unknown> = {}) {
  const debug: string[] = [];
  const node = { unique_id: "model.proj.inc", name: "inc", config } as unknown as ManifestNode;
  const context = { node, macros, debug: (m: string) => debug.push(m), warn: () => undefined } as unknown as BuildContext;
  return { context, debug };
}

describe("strategyMacroName", () => {
  it("is dbt's macro name, every + written as _", () => {
    expect(strategyMacroName("merge")).toBe("get_incremental_merge_sql");
    expect(strategyMacroName("delete+insert")).toBe("get_incremental_delete_insert_sql");
    expect(strategyMacroName("a+b+c")).toBe("get_incremental_a_b_c_sql");
  });
});

describe("strategyMacro", () => {
  it("is null without macros: the TypeScript strategy runs", () => {
    expect(strategyMacro(contextWith(undefined).context, "merge", "merge", true)).toBeNull();
  });

  it("uses a custom strategy's macro and says so at debug level", () => {
    const { context, debug } = contextWith(port(["get_incremental_upsert_sql"], []).macros);
    expect(strategyMacro(context, "upsert", "upsert", false)).toBe("get_incremental_upsert_sql");
    expect(debug).toEqual(["model.proj.inc: incremental strategy 'upsert' is the custom macro get_incremental_upsert_sql; its SQL is sent."]);
  });

  it("is null for a custom strategy without its macro (the caller reports the unknown strategy)", () => {
    expect(strategyMacro(contextWith(port(["get_incremental_other_sql"], []).macros).context, "upsert", "upsert", false)).toBeNull();
  });

  it.each([
    ["append", "get_insert_into_sql", "get_incremental_append_sql"],
    ["append", "get_incremental_append_sql", "get_incremental_append_sql"],
    ["delete+insert", "get_delete_insert_merge_sql", "get_incremental_delete_insert_sql"],
    ["delete+insert", "get_incremental_delete_insert_sql", "get_incremental_delete_insert_sql"],
    ["merge", "get_merge_sql", "get_incremental_merge_sql"],
    ["merge", "get_incremental_merge_sql", "get_incremental_merge_sql"],
    ["insert_overwrite", "get_insert_overwrite_merge_sql", "get_incremental_insert_overwrite_sql"],
    ["insert_overwrite", "get_incremental_insert_overwrite_sql", "get_incremental_insert_overwrite_sql"],
  ])("a configured %s strategy renders its macro when %s is overridden", (strategy, override, expected) => {
    expect(strategyMacro(contextWith(port([], [override]).macros).context, strategy, strategy, true)).toBe(expected);
  });

  it("a configured strategy ignores overrides of another strategy's macros and of the default one", () => {
    const { macros } = port([], ["get_merge_sql", "get_incremental_default_sql"]);
    expect(strategyMacro(contextWith(macros).context, "append", "append", true)).toBeNull();
  });

  it("with no strategy configured, an override of get_incremental_default_sql wins, and the debug log says so", () => {
    const { macros } = port([], ["get_incremental_default_sql", "get_merge_sql"]);
    const { context, debug } = contextWith(macros);
    expect(strategyMacro(context, null, "merge", true)).toBe("get_incremental_default_sql");
    expect(debug).toEqual([
      "model.proj.inc: the default incremental strategy renders the overriding macro(s) macro.proj.get_incremental_default_sql and sends their SQL.",
    ]);
  });

  it("logs which strategy an overridden built-in macro stands in for", () => {
    const { context, debug } = contextWith(port([], ["get_merge_sql"]).macros);
    strategyMacro(context, "merge", "merge", true);
    expect(debug).toEqual(["model.proj.inc: incremental strategy 'merge' renders the overriding macro(s) macro.proj.get_merge_sql and sends their SQL."]);
  });

  it("with no strategy configured, an override of the default strategy's macro renders that strategy's macro", () => {
    expect(strategyMacro(contextWith(port([], ["get_delete_insert_merge_sql"]).macros).context, null, "delete+insert", true)).toBe(
      "get_incremental_delete_insert_sql",
    );
    expect(strategyMacro(contextWith(port([], []).macros).context, null, "delete+insert", true)).toBeNull();
  });

  it("watches get_incremental_<name>_sql for a strategy it has no list for", () => {
    const { macros, asked } = port([], []);
    expect(strategyMacro(contextWith(macros).context, "microbatch", "microbatch", true)).toBeNull();
    expect(asked).toEqual([["get_incremental_microbatch_sql"]]);
  });
});

describe("renderStrategyMacro", () => {
  const quote = defineDialect({ parserDialect: "postgresql" }).quote;
  const target = new Relation({ database: "db", schema: "s", identifier: "inc" }, quote);
  const temp = new Relation({ database: "db", schema: "s", identifier: "inc__tsdbt_tmp" }, quote);

  function render(config: Record<string, unknown>) {
    const calls: unknown[][] = [];
    const macros = {
      call: (id: string, name: string, args: unknown[], statements: unknown) => {
        calls.push([id, name, args, statements]);
        return "insert into s.inc select * from s.inc__tsdbt_tmp";
      },
    } as unknown as MacroPort;
    const { context } = contextWith(macros, config);
    const executor = { execute: async () => ({ rows: [] }) } as never;
    const sql = renderStrategyMacro(context, executor, "get_incremental_upsert_sql", { target, temp, columns: [{ name: "id", type: "INTEGER" }, { name: "v", type: "TEXT" }] });
    return { sql, calls };
  }

  it("calls the macro with dbt's arg_dict and returns the SQL it renders", () => {
    const { sql, calls } = render({ unique_key: ["id", 7], incremental_predicates: "DBT_INTERNAL_DEST.id > 0" });
    expect(sql).toBe("insert into s.inc select * from s.inc__tsdbt_tmp");
    expect(calls).toEqual([
      [
        "model.proj.inc",
        "get_incremental_upsert_sql",
        [
          {
            kind: "dict",
            entries: {
              target_relation: { kind: "relation", ref: { database: "db", schema: "s", identifier: "inc", type: "table" } },
              temp_relation: { kind: "relation", ref: { database: "db", schema: "s", identifier: "inc__tsdbt_tmp", type: "table" } },
              unique_key: ["id", "7"],
              dest_columns: [{ kind: "column", name: "id", type: "INTEGER" }, { kind: "column", name: "v", type: "TEXT" }],
              incremental_predicates: "DBT_INTERNAL_DEST.id > 0",
            },
          },
        ],
        undefined,
      ],
    ]);
  });

  it("passes None for an unset or null unique_key and predicates", () => {
    const [[, , [argDict]]] = render({ unique_key: null }).calls as [[string, string, [{ entries: Record<string, unknown> }]]];
    expect(argDict.entries.unique_key).toBeNull();
    expect(argDict.entries.incremental_predicates).toBeNull();
  });
});
