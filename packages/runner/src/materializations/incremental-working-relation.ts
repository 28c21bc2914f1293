import type { DdlKind } from "./relation-lookup";
import { configValue, type BuildContext } from "./build-context";

/** A config value given as one string or a list of strings, as a list. */
function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((s) => s.trim() !== "");
}

/**
 * The kind of relation an incremental run writes its new rows to before merging them in: what
 * the engine picks for the strategy that actually runs (`dialect.incrementalWorkingKind`,
 * Snowflake's `tmp_relation_type`; `merge` without MERGE runs as delete+insert), else a table.
 * Always a table when a project macro creates it or writes the strategy's SQL, and with
 * `on_schema_change: sync_all_columns`, which may drop or retype the target's columns before the
 * merge, while a view would read them (through `{{ this }}`) only then.
 */
export function incrementalWorkingKind(context: BuildContext, strategyIsMacro: boolean, createOverridden: boolean): DdlKind {
  const { adapter, node } = context;
  const decide = adapter.dialect.incrementalWorkingKind;
  if (!decide || strategyIsMacro || createOverridden) return "table";
  const configured = configValue(node, "incremental_strategy", adapter.capabilities.merge ? "merge" : "delete+insert");
  const strategy = configured === "merge" && !adapter.capabilities.merge ? "delete+insert" : configured;
  const kind = decide(strategy, stringList(node.config.unique_key), node.config);
  return kind === "view" && String(configValue<unknown>(node, "on_schema_change", "ignore")) === "sync_all_columns" ? "table" : kind;
}
