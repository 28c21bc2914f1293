import type { Relation } from "@tsdbt/adapter-api";
import type { MacroValue } from "@tsdbt/core";
import type { BuildContext, SqlExecutor } from "./build-context";
import { syncStatementsOf } from "./jinja-materialization";
import { overridingMacros, relationArg } from "./step-overrides";

/** The macros each built-in strategy's SQL comes from in dbt: overriding one of them sends the override's SQL. */
const STRATEGY_MACROS: Readonly<Record<string, readonly string[]>> = {
  append: ["get_incremental_append_sql", "get_insert_into_sql"],
  "delete+insert": ["get_incremental_delete_insert_sql", "get_delete_insert_merge_sql"],
  merge: ["get_incremental_merge_sql", "get_merge_sql"],
  insert_overwrite: ["get_incremental_insert_overwrite_sql", "get_insert_overwrite_merge_sql"],
  default: ["get_incremental_default_sql"],
};

/** dbt's macro for a strategy name: `get_incremental_<name>_sql`, `+` written as `_`. */
export function strategyMacroName(strategy: string): string {
  return `get_incremental_${strategy.replace(/\+/g, "_")}_sql`;
}

/**
 * Renders the strategy step with a macro when the project or a package asks for it: a custom
 * strategy (`incremental_strategy='x'` with a macro `get_incremental_x_sql`), or a built-in
 * strategy whose macros are overridden. With no strategy configured, an override of
 * `get_incremental_default_sql` wins, then one of the macros of the strategy tsdbt uses by
 * default (`effective`). Null: the TypeScript strategy runs.
 */
export function strategyMacro(context: BuildContext, configured: string | null, effective: string, builtin: boolean): string | null {
  const macros = context.macros;
  if (!macros) return null;
  const id = context.node.unique_id;
  if (configured !== null && !builtin) {
    const name = strategyMacroName(configured);
    if (!macros.exists(id, name)) return null;
    context.debug(`${id}: incremental strategy '${configured}' is the custom macro ${name}; its SQL is sent.`);
    return name;
  }
  if (configured === null && overridingMacros(context, "the default incremental strategy", STRATEGY_MACROS.default!).length > 0) return strategyMacroName("default");
  const watched = STRATEGY_MACROS[effective] ?? [strategyMacroName(effective)];
  return overridingMacros(context, `incremental strategy '${effective}'`, watched).length > 0 ? strategyMacroName(effective) : null;
}

/** dbt's `arg_dict` of a strategy macro, rendered to SQL by `macroName`. */
export function renderStrategyMacro(
  context: BuildContext,
  executor: SqlExecutor,
  macroName: string,
  parts: { target: Relation; temp: Relation; columns: { name: string; type: string }[] },
): string {
  const { node } = context;
  const list = (v: unknown): MacroValue => (v === undefined || v === null ? null : Array.isArray(v) ? v.map(String) : String(v));
  const argDict: MacroValue = {
    kind: "dict",
    entries: {
      target_relation: relationArg(parts.target, "table"),
      temp_relation: relationArg(parts.temp, "table"),
      unique_key: list(node.config.unique_key),
      dest_columns: parts.columns.map((c) => ({ kind: "column", name: c.name, type: c.type })),
      incremental_predicates: list(node.config.incremental_predicates),
    },
  };
  return context.macros!.call(node.unique_id, macroName, [argDict], syncStatementsOf(executor));
}
