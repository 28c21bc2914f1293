import type { Relation } from "@tsdbt/adapter-api";
import { syncStatementsOf } from "./jinja-materialization";
import { overridingMacros, relationArg } from "./step-overrides";
import { RunnerError, RunnerErrorCode } from "../runner-error";
import type { BuildContext, SqlExecutor } from "./build-context";

/** The `on_schema_change` settings of incremental models. */
export const ON_SCHEMA_CHANGE_MODES = ["ignore", "fail", "append_new_columns", "sync_all_columns"] as const;
/** One `on_schema_change` setting. */
export type OnSchemaChange = (typeof ON_SCHEMA_CHANGE_MODES)[number];

/** A column name with its warehouse type. */
export interface TypedColumn {
  name: string;
  type: string;
}

/** How the new rows' columns differ from the target's (names compared case-insensitively). */
export interface ColumnDiff {
  added: TypedColumn[];
  removed: TypedColumn[];
  changed: { name: string; from: string; to: string }[];
}

/** Compares the columns of the new rows (`source`) with the target's. */
export function diffColumns(source: TypedColumn[], target: TypedColumn[]): ColumnDiff {
  const key = (c: TypedColumn) => c.name.toLowerCase();
  const targetByName = new Map(target.map((c) => [key(c), c]));
  const sourceNames = new Set(source.map(key));
  const normalType = (t: string) => t.trim().toUpperCase();
  return {
    added: source.filter((c) => !targetByName.has(key(c))),
    removed: target.filter((c) => !sourceNames.has(key(c))),
    changed: source
      .filter((c) => targetByName.has(key(c)) && normalType(targetByName.get(key(c))!.type) !== normalType(c.type))
      .map((c) => ({ name: targetByName.get(key(c))!.name, from: targetByName.get(key(c))!.type, to: c.type })),
  };
}

/**
 * Applies `mode` to the target before new rows are written and returns the columns to
 * write: `ignore` writes the columns both sides share; `fail` stops on any difference;
 * `append_new_columns` adds new columns; `sync_all_columns` also drops removed columns and
 * changes types.
 */
export async function applySchemaChange(
  context: BuildContext,
  executor: SqlExecutor,
  mode: OnSchemaChange,
  source: TypedColumn[],
  target: TypedColumn[],
): Promise<string[]> {
  const diff = diffColumns(source, target);
  const unchanged = diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
  const shared = target.filter((t) => source.some((s) => s.name.toLowerCase() === t.name.toLowerCase())).map((c) => c.name);
  if (unchanged || mode === "ignore") return shared;
  if (mode === "fail") {
    const parts = [
      diff.added.length ? `new columns ${diff.added.map((c) => c.name).join(", ")}` : "",
      diff.removed.length ? `missing columns ${diff.removed.map((c) => c.name).join(", ")}` : "",
      diff.changed.length ? `changed types ${diff.changed.map((c) => `${c.name} (${c.from} → ${c.to})`).join(", ")}` : "",
    ].filter(Boolean);
    throw new RunnerError(
      RunnerErrorCode.schemaChanged,
      `The columns of incremental model ${context.node.name} changed (${parts.join("; ")}) and its on_schema_change is 'fail'.`,
      { file: context.node.original_file_path, hint: "Run with --full-refresh to rebuild it, or set on_schema_change to append_new_columns or sync_all_columns." },
    );
  }
  const { dialect } = context.adapter;
  const rendered = context.relation.render();
  for (const column of diff.added) {
    await executor.execute(dialect.addColumn(rendered, { name: column.name, dataType: column.type }), { fetch: false });
  }
  if (mode === "append_new_columns") return [...shared, ...diff.added.map((c) => c.name)];
  for (const column of diff.removed) await executor.execute(dialect.dropColumn(rendered, column.name), { fetch: false });
  // an overridden alter_column_type runs its own statements
  const alterByMacro = diff.changed.length > 0 && context.macros && overridingMacros(context, "alter_column_type", ["alter_column_type"]).length > 0;
  for (const column of diff.changed) {
    if (alterByMacro) context.macros!.call(context.node.unique_id, "alter_column_type", [relationArg(context.relation, "table"), column.name, column.to], syncStatementsOf(executor));
    else await executor.execute(dialect.alterColumnType(rendered, column.name, column.to), { fetch: false });
  }
  const targetNames = new Map(target.map((c) => [c.name.toLowerCase(), c.name]));
  return source.map((c) => targetNames.get(c.name.toLowerCase()) ?? c.name);
}

/** Reads the `on_schema_change` config, rejecting unknown values. */
export function onSchemaChangeOf(context: BuildContext, relation: Relation): OnSchemaChange {
  const value = context.node.config.on_schema_change ?? "ignore";
  if (typeof value === "string" && (ON_SCHEMA_CHANGE_MODES as readonly string[]).includes(value)) return value as OnSchemaChange;
  throw new RunnerError(
    RunnerErrorCode.invalidOnSchemaChange,
    `Model ${context.node.name} (${relation.render()}) sets on_schema_change to ${JSON.stringify(value)}, which is not a known setting.`,
    { file: context.node.original_file_path, hint: `Use one of ${ON_SCHEMA_CHANGE_MODES.join(", ")}.` },
  );
}
