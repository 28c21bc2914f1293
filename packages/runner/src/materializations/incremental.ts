import type { Relation } from "@tsdbt/adapter-api";
import { RunnerError, RunnerErrorCode } from "../runner-error";
import { configValue, type BuildContext, type Materialization, type SqlExecutor } from "./build-context";
import { applyGrants } from "./grants";
import { runNodeHooks } from "./hooks";
import { defaultIncrementalStrategy, INCREMENTAL_STRATEGIES, type EventTimeWindow, type IncrementalStrategy } from "./incremental-strategies";
import { persistDocs } from "./persist-docs";
import { clearLeftovers, columnsOf, TEMP_SUFFIX, withSuffix, type DdlKind } from "./relation-lookup";
import { incrementalWorkingKind } from "./incremental-working-relation";
import { replaceRelation } from "./replace-relation";
import { applySchemaChange, onSchemaChangeOf } from "./schema-change";
import { withTransientRetries } from "./transient-retry";
import { renderStrategyMacro, strategyMacro, strategyMacroName } from "./incremental-macros";
import { createStatementOverride } from "./step-overrides";
import { assertContractColumns, contractEnforced } from "./contract";
import { copyPartitions, partitionCopyPlanOf } from "./partition-copies";

/** A config value given as one string or a list of strings, as a list. */
function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((s) => s.trim() !== "");
}

/** The `partition_by` column: a string, or an object with `field` (BigQuery style). */
function partitionColumnOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { field?: unknown }).field === "string") return (value as { field: string }).field;
  return null;
}

/** The batch window a microbatch batch's config carries (dbt's internal keys), on the model's `event_time`. */
function eventTimeWindowOf(config: Record<string, unknown>): EventTimeWindow | null {
  const start = config.__dbt_internal_microbatch_event_time_start;
  const end = config.__dbt_internal_microbatch_event_time_end;
  if (typeof config.event_time !== "string" || start === undefined || start === null || end === undefined || end === null) return null;
  return { column: config.event_time, start: String(start), end: String(end) };
}

/** The strategy step (by its name): tsdbt's TypeScript strategy, or the macro that renders it (custom or overridden). */
type StrategyStep = { name: string } & ({ strategy: IncrementalStrategy; macro: string | null } | { strategy: null; macro: string });

function strategyOf(context: BuildContext): StrategyStep {
  const configured = configValue<string | null>(context.node, "incremental_strategy", null);
  const name = configured ?? defaultIncrementalStrategy(context.adapter.capabilities, stringList(context.node.config.unique_key).length > 0);
  const strategy: IncrementalStrategy | undefined = Object.prototype.hasOwnProperty.call(INCREMENTAL_STRATEGIES, name) ? INCREMENTAL_STRATEGIES[name] : undefined;
  const macro = strategyMacro(context, configured, name, strategy !== undefined);
  if (strategy) return { name, strategy, macro };
  if (macro) return { name, strategy: null, macro };
  throw new RunnerError(
    RunnerErrorCode.unknownIncrementalStrategy,
    `Incremental model ${context.node.name} uses incremental_strategy '${name}', which tsdbt does not support.`,
    { file: context.node.original_file_path, hint: `Use one of ${Object.keys(INCREMENTAL_STRATEGIES).join(", ")}, or define a macro named ${strategyMacroName(name)}(arg_dict) for a custom strategy.` },
  );
}

/**
 * Whether this build rebuilds the table: the model's `full_refresh` config wins when set
 * (false protects a table from `--full-refresh`), else the `--full-refresh` flag.
 */
export function wantsFullRefresh(context: BuildContext): boolean {
  const configured = context.node.config.full_refresh;
  return typeof configured === "boolean" ? configured : context.fullRefresh;
}

/**
 * `materialized: incremental`: builds the table when it is missing, is a view, or on full
 * refresh; otherwise writes the new rows (compiled with `is_incremental()` true) into a temp
 * table and merges them in with the configured strategy, all in one transaction.
 */
export const incrementalMaterialization: Materialization = async (context) => {
  const { adapter, relation } = context;
  const existing = await clearLeftovers(adapter, relation);
  if (!existing || existing.kind === "view" || wantsFullRefresh(context)) {
    const rows = await replaceRelation(context, "table", { sql: context.compile(false) });
    // a contracted table is created empty and filled by an insert
    return { rowsAffected: rows, message: rows === null ? "CREATE TABLE" : `${contractEnforced(context) ? "INSERT" : "SELECT"} ${rows}` };
  }
  const strategy = strategyOf(context);
  const onSchemaChange = onSchemaChangeOf(context, relation);
  const sql = context.compile(true);
  const createTemp = createStatementOverride(context, "table");
  // the engine may write the new rows to a view (Snowflake's tmp_relation_type)
  const working = incrementalWorkingKind(context, strategy.macro !== null, createTemp !== null);
  await runNodeHooks(context, adapter, "pre-hook", false, true);
  // each batch of a microbatch model has a working relation of its own (batches may run at once)
  const temp = withSuffix(relation, context.batch ? `${TEMP_SUFFIX}_${context.batch.id}` : TEMP_SUFFIX, adapter.dialect.maxIdentifierBytes);
  const update = (executor: SqlExecutor) => mergeNewRows(context, executor, strategy, onSchemaChange, sql, temp, createTemp, working);
  let written: WrittenRows;
  try {
    written = adapter.capabilities.transactionalDdl ? await withTransientRetries(adapter.dialect, () => adapter.transaction(update)) : await update(adapter);
  } catch (error) {
    await adapter.execute(adapter.dialect.dropRelation(temp.render(), working), { fetch: false }).catch(() => undefined);
    throw error;
  }
  await runNodeHooks(context, adapter, "post-hook", false, true);
  const { rows, status, verb } = written;
  // the engine's status of the last write (PostgreSQL's `INSERT 0 2`, `MERGE 3`), as dbt reports its main statement
  return { rowsAffected: rows, message: status ?? (rows === null ? "INSERT" : `${verb} ${rows}`) };
};

/** Rows the last write of an incremental run reported, the engine's status line for it, and its verb (`MERGE` for a MERGE, else `INSERT`) where the engine gives no status. */
interface WrittenRows {
  rows: number | null;
  status: string | null;
  verb: "MERGE" | "INSERT";
}

async function mergeNewRows(
  context: BuildContext,
  executor: SqlExecutor,
  step: StrategyStep,
  onSchemaChange: ReturnType<typeof onSchemaChangeOf>,
  sql: string,
  temp: Relation,
  createTemp: ReturnType<typeof createStatementOverride>,
  working: DdlKind,
): Promise<WrittenRows> {
  const { adapter, relation, node } = context;
  await runNodeHooks(context, executor, "pre-hook", true, true);
  // the new rows keep the contract too (an override of the contract's macros checks them itself)
  if (!createTemp && contractEnforced(context)) await assertContractColumns(context, executor, sql);
  // copy jobs instead of statements (BigQuery's copy_partitions), from a working table partitioned as the target
  const copies = step.macro || working === "view" ? null : partitionCopyPlanOf(context, step.name);
  const createSql = createTemp
    ? createTemp(executor, temp, sql)
    : working === "view"
      ? adapter.dialect.createViewAs(temp.render(), sql)
      : adapter.dialect.createTableAs(temp.render(), sql, copies ? { config: copies.workingConfig } : undefined);
  await executor.execute(createSql, { fetch: false, nodeId: node.unique_id });
  const tempColumns = await columnsOf(executor, adapter, temp);
  const columns = await applySchemaChange(context, executor, onSchemaChange, tempColumns, await columnsOf(executor, adapter, relation));
  // the columns keep the target's spelling; the warehouse matches names without regard to case
  const typed = columns.map((name) => ({ name, type: tempColumns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.type ?? "" }));
  let statements: string[] = [];
  if (copies) {
    // written by copy jobs below
  } else if (step.macro) {
    statements = [renderStrategyMacro(context, executor, step.macro, { target: relation, temp, columns: typed })];
  } else {
    const portable = {
      dialect: adapter.dialect,
      capabilities: adapter.capabilities,
      target: relation.render(),
      source: temp.render(),
      columns,
      uniqueKey: stringList(node.config.unique_key),
      predicates: stringList(node.config.incremental_predicates),
      mergeUpdateColumns: node.config.merge_update_columns ? stringList(node.config.merge_update_columns) : null,
      mergeExcludeColumns: stringList(node.config.merge_exclude_columns),
      partitionColumn: partitionColumnOf(node.config.partition_by),
      eventTimeWindow: eventTimeWindowOf(node.config),
    };
    // the engine's own SQL for a strategy (BigQuery's partition-aware insert_overwrite), else the portable one
    const own = adapter.dialect.incrementalStatements?.(step.name, {
      target: portable.target,
      source: portable.source,
      columns,
      uniqueKey: portable.uniqueKey,
      predicates: portable.predicates,
      config: node.config,
    });
    statements = own ?? step.strategy!(portable);
  }
  let rows: number | null = null;
  let status: string | null = null;
  let verb: WrittenRows["verb"] = "INSERT";
  const write = async (writer: SqlExecutor): Promise<void> => {
    if (copies) await copyPartitions(context, writer, copies, temp);
    for (const statement of statements) {
      const result = await writer.execute(statement, { fetch: false, nodeId: node.unique_id });
      if (result.rowsAffected !== undefined && result.rowsAffected !== null) {
        rows = result.rowsAffected;
        verb = /^\s*merge\b/i.test(statement) ? "MERGE" : "INSERT";
      }
      status = result.status ?? status;
    }
  };
  const hooksInside = ((node.config["post-hook"] ?? []) as { transaction?: boolean }[]).some((hook) => hook.transaction ?? true);
  // one statement and no hook after it is atomic by itself: no transaction to open
  if (executor === adapter && !adapter.capabilities.transactionalDdl && (statements.length > 1 || hooksInside)) {
    // DDL commits by itself here, but the writes and the in-transaction post-hooks still form one
    // transaction: a failing hook undoes the writes (delete+insert included), as on other engines.
    await adapter.transaction(async (tx) => {
      await write(tx);
      await runNodeHooks(context, tx, "post-hook", true, true);
    });
    await executor.execute(adapter.dialect.dropRelation(temp.render(), working), { fetch: false });
    await persistDocs(context, executor, "table");
    await applyGrants(context, executor, "table", "changed");
    return { rows, status, verb };
  }
  await write(executor);
  await executor.execute(adapter.dialect.dropRelation(temp.render(), working), { fetch: false });
  await persistDocs(context, executor, "table");
  await runNodeHooks(context, executor, "post-hook", true, true);
  await applyGrants(context, executor, "table", "changed");
  return { rows, status, verb };
}
