import type { Relation } from "@tsdbt/adapter-api";
import { contracts, type MacroValue } from "@tsdbt/core";
import { CONTRACT_MACROS } from "./contract";
import type { BuildContext, SqlExecutor } from "./build-context";
import { syncStatementsOf } from "./jinja-materialization";

/** The macros dbt's table step calls: when the project or a package defines one, its SQL is sent. */
export const CREATE_TABLE_MACROS = ["get_create_table_as_sql", "create_table_as"] as const;
/** The macros dbt's view step calls. */
export const CREATE_VIEW_MACROS = ["get_create_view_as_sql", "create_view_as"] as const;

/** A relation as a macro argument. */
export function relationArg(relation: Relation, type: "table" | "view"): MacroValue {
  return { kind: "relation", ref: { database: relation.database, schema: relation.schema, identifier: relation.identifier, type } };
}

/**
 * The project's or a package's macros that stand in for `macroNames` for this node, logged at
 * debug level with the path the step takes. Empty: the TypeScript path runs.
 */
export function overridingMacros(context: BuildContext, step: string, macroNames: readonly string[]): string[] {
  const found = context.macros?.overrides(context.node.unique_id, macroNames) ?? [];
  if (found.length > 0) context.debug(`${context.node.unique_id}: ${step} renders the overriding macro(s) ${found.join(", ")} and sends their SQL.`);
  return found;
}

/** Builds a "create … as" statement of a relation from a query, as dbt's `get_create_*_as_sql` would. */
export type CreateStatement = (executor: SqlExecutor, target: Relation, sql: string) => string;

/**
 * How the table or view step creates its relation when `create_table_as` / `create_view_as`
 * (or `get_create_*_as_sql`, plain or adapter-prefixed) is overridden; null keeps the dialect's SQL.
 */
export function createStatementOverride(context: BuildContext, kind: "table" | "view"): CreateStatement | null {
  const macros = context.macros;
  if (!macros) return null;
  // a contracted model's DDL goes through the contract's macros too
  const names = [...(kind === "view" ? CREATE_VIEW_MACROS : CREATE_TABLE_MACROS), ...(contracts.contractEnforced(context.node) ? CONTRACT_MACROS : [])];
  if (overridingMacros(context, `the ${kind} step`, names).length === 0) return null;
  const id = context.node.unique_id;
  return (executor, target, sql) =>
    kind === "view"
      ? macros.call(id, "get_create_view_as_sql", [relationArg(target, "view"), sql], syncStatementsOf(executor))
      : macros.call(id, "get_create_table_as_sql", [false, relationArg(target, "table"), sql], syncStatementsOf(executor));
}
