import { snapshotSettingsOf, formatDiagnostic, type SnapshotSettings } from "@tsdbt/core";
import type { Relation } from "@tsdbt/adapter-api";
import { RunnerError } from "../runner-error";
import type { BuildContext, Materialization, SqlExecutor } from "../materializations/build-context";
import { applyGrants } from "../materializations/grants";
import { runNodeHooks } from "../materializations/hooks";
import { runMaterializationMacro } from "../materializations/jinja-materialization";
import { overridingMacros } from "../materializations/step-overrides";
import { persistDocs } from "../materializations/persist-docs";
import { clearLeftovers, columnsOf, TEMP_SUFFIX, withSuffix } from "../materializations/relation-lookup";
import { createSnapshotTable, snapshotUpdateStatements, stagingQuery, STAGING_PREFIX, type SnapshotSqlInput } from "./snapshot-sql";

/**
 * dbt's snapshot macros: when the project or a package overrides one of them, the snapshot runs
 * through them (tsdbt_snapshot_materialization) instead of the TypeScript path.
 */
export const SNAPSHOT_MACROS = ["snapshot_merge_sql", "build_snapshot_table", "snapshot_staging_table", "snapshot_hash_arguments", "snapshot_timestamp_strategy", "snapshot_check_strategy", "snapshot_get_time"] as const;

/** The checked settings of a snapshot node. @throws RunnerError with the first config problem, its hint, then the other problems. */
function settingsOf(context: BuildContext): SnapshotSettings {
  const { settings, diagnostics } = snapshotSettingsOf(context.node, (name) => context.macros?.exists(context.node.unique_id, name) ?? false);
  if (settings) return settings;
  const [first, ...others] = diagnostics;
  throw new RunnerError(first!.code, first!.message, { file: first!.file, hint: [first!.hint, ...others.map(formatDiagnostic)].join("\n") });
}

/**
 * `snapshot`: records type-2 history of a query. The query's rows are staged with their
 * change time; the first run copies them in as current versions, later runs close the
 * current version of every changed row, record hard deletes as configured and insert new
 * versions, all in one transaction (when the engine has transactional DDL). Columns new in
 * the source are added to the snapshot table first.
 */
export const snapshotMaterialization: Materialization = async (context) => {
  const { adapter, relation, node } = context;
  const settings = settingsOf(context);
  // a custom strategy is a macro: the snapshot runs through dbt's snapshot macros, which call it
  if (settings.strategy === "custom") {
    context.debug(`${node.unique_id}: the snapshot's strategy '${settings.strategyName}' is the macro snapshot_${settings.strategyName}_strategy; it runs through dbt's snapshot macros.`);
    return runMaterializationMacro(context, "tsdbt_snapshot_materialization");
  }
  if (overridingMacros(context, "the snapshot", SNAPSHOT_MACROS).length > 0) return runMaterializationMacro(context, "tsdbt_snapshot_materialization");
  const existing = await clearLeftovers(adapter, relation);
  const sql = context.compile(false);
  const staging = withSuffix(relation, TEMP_SUFFIX, adapter.dialect.maxIdentifierBytes);
  await runNodeHooks(context, adapter, "pre-hook", false);
  // the engine's status of the statement dbt reports (the create, else the last insert), when it gives one
  let status: string | null = null;
  const work = async (executor: SqlExecutor): Promise<number | null> => {
    await runNodeHooks(context, executor, "pre-hook", true);
    await executor.execute(adapter.dialect.createTableAs(staging.render(), stagingQuery({ dialect: adapter.dialect, settings }, sql)), { fetch: false, nodeId: node.unique_id });
    const stagedColumns = await columnsOf(executor, adapter, staging);
    const sourceColumns = stagedColumns.filter((c) => !c.name.startsWith(STAGING_PREFIX));
    const input: SnapshotSqlInput = { dialect: adapter.dialect, settings, target: relation.render(), staging: staging.render(), sourceColumns: sourceColumns.map((c) => c.name) };
    let rows: number | null = null;
    if (!existing) {
      const result = await executor.execute(createSnapshotTable(input), { fetch: false, nodeId: node.unique_id });
      rows = result.rowsAffected ?? null;
      status = result.status ?? null;
    } else {
      await addNewColumns(context, executor, relation, sourceColumns);
      for (const statement of snapshotUpdateStatements(input)) {
        const result = await executor.execute(statement, { fetch: false, nodeId: node.unique_id });
        if (/^\s*insert/i.test(statement) && typeof result.rowsAffected === "number") rows = (rows ?? 0) + result.rowsAffected;
        if (/^\s*insert/i.test(statement)) status = result.status ?? status;
      }
    }
    await executor.execute(adapter.dialect.dropRelation(staging.render(), "table"), { fetch: false });
    await persistDocs(context, executor, "table");
    await runNodeHooks(context, executor, "post-hook", true);
    await applyGrants(context, executor, "table", existing ? "changed" : "new");
    return rows;
  };
  let rows: number | null;
  try {
    rows = adapter.capabilities.transactionalDdl ? await adapter.transaction(work) : await work(adapter);
  } catch (error) {
    await adapter.execute(adapter.dialect.dropRelation(staging.render(), "table"), { fetch: false }).catch(() => undefined);
    throw error;
  }
  await runNodeHooks(context, adapter, "post-hook", false);
  return { rowsAffected: rows, message: status ?? (rows === null ? "SNAPSHOT" : `INSERT ${rows}`) };
};

/** Adds to the snapshot table the source columns it does not have yet (history rows get nulls). */
async function addNewColumns(context: BuildContext, executor: SqlExecutor, relation: Relation, sourceColumns: { name: string; type: string }[]): Promise<void> {
  const have = new Set((await columnsOf(executor, context.adapter, relation)).map((c) => c.name.toLowerCase()));
  for (const c of sourceColumns) {
    if (have.has(c.name.toLowerCase())) continue;
    await executor.execute(context.adapter.dialect.addColumn(relation.render(), { name: c.name, dataType: c.type }), { fetch: false });
  }
}
