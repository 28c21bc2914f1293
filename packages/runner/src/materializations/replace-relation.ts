import type { Relation, SavepointDialect, SqlDialect } from "@tsdbt/adapter-api";
import type { BuildContext, SqlExecutor } from "./build-context";
import { captureDependentViews, restoreDependentViews } from "./dependent-views";
import { applyGrants, type GrantedBuild } from "./grants";
import { runNodeHooks } from "./hooks";
import { persistDocs, persistedDescription } from "./persist-docs";
import { BACKUP_SUFFIX, clearLeftovers, findRelation, TEMP_SUFFIX, withSuffix, type DdlKind } from "./relation-lookup";
import { isStopError, withTransientRetries } from "./transient-retry";
import { createStatementOverride, relationArg } from "./step-overrides";
import { syncStatementsOf } from "./jinja-materialization";
import { assertContractColumns, contractEnforced, tableContract } from "./contract";

/** How to produce the new relation: from SQL, or loaded into the temp relation before the swap (seeds). */
export type ReplacementSource =
  | { sql: string }
  | { preload: (temp: Relation) => Promise<number | null> };

/**
 * Builds `context.relation` anew and swaps it in, so readers see either the old or the new
 * relation: the new one is built under a temp name, then the old one is renamed to a
 * backup, the new one renamed into place and the backup dropped. With transactional DDL all
 * of it (and the in-transaction hooks) is one transaction, so a failure leaves the previous
 * relation untouched. With transactional DDL and no type change, the relation is built in place
 * instead (`create`, or `create or replace` where the engine has it), which is just as atomic.
 * Views over the old relation survive: where the engine's `drop … cascade` would take them
 * along, their definitions are read before the swap and they are recreated before commit.
 * A transaction that hits a deadlock or serialization failure runs again (bounded).
 * Leftovers of an interrupted earlier build are dropped first. An enforced model contract is
 * checked before anything is built, and a table gets the contract's typed columns and constraints.
 * Engines that cannot rename drop the old relation and create the new one in place.
 * @returns rows affected, when the warehouse reports them.
 */
export async function replaceRelation(context: BuildContext, kind: DdlKind, source: ReplacementSource): Promise<number | null> {
  const { adapter, relation } = context;
  const { dialect, capabilities } = adapter;
  const temp = withSuffix(relation, TEMP_SUFFIX, dialect.maxIdentifierBytes);
  const backup = withSuffix(relation, BACKUP_SUFFIX, dialect.maxIdentifierBytes);
  const existing = await clearLeftovers(adapter, relation);
  await runNodeHooks(context, adapter, "pre-hook", false);
  // an overridden create_table_as / create_view_as writes the DDL; the build then follows dbt's
  // steps (intermediate relation, renames), so the overriding SQL is sent as dbt would send it
  const overridden = "sql" in source ? createStatementOverride(context, kind) : null;

  // an enforced contract (unless an override renders the DDL): columns checked before the build, a table typed
  const contracted = !overridden && "sql" in source && contractEnforced(context);
  const description = persistedDescription(context);
  const contract = contracted && kind === "table" && "sql" in source ? tableContract(context, source.sql) : undefined;
  const ddlOptions = { config: context.node.config, ...(description ? { description } : {}), ...(contract ? { contract } : {}) };
  const create = async (executor: SqlExecutor, target: Relation): Promise<number | null> => {
    if (!("sql" in source)) return null;
    const ddl = overridden
      ? overridden(executor, target, source.sql)
      : kind === "view"
        ? dialect.createViewAs(target.render(), source.sql, ddlOptions)
        : dialect.createTableAs(target.render(), source.sql, ddlOptions);
    const result = await executor.execute(ddl, { fetch: false, nodeId: context.node.unique_id });
    return result.rowsAffected ?? null;
  };
  const preloaded = "preload" in source ? await source.preload(temp) : null;

  // Inside a transaction a relation can be built in place: nothing is visible until commit and a
  // failure rolls back. That saves the temp relation and the renames (two to four statements).
  // Where `create or replace` swaps atomically by itself (Snowflake), one statement replaces the relation of the same kind.
  const atomicInPlace = capabilities.atomicReplace === true && capabilities.createOrReplace && (!existing || existing.kind === kind);
  const inPlace = !overridden && "sql" in source && ((capabilities.transactionalDdl && (!existing || (existing.kind === kind && capabilities.createOrReplace))) || atomicInPlace);

  // PostgreSQL can `create or replace view` while the columns keep their names and types: the
  // views over it stay as they are, with no drop and no lock on them. Refused (a column changed),
  // the savepoint undoes the attempt and the view is swapped like any relation.
  const savepoints = dialect.savepoints;
  const replaceView = !overridden && !inPlace && "sql" in source && kind === "view" && existing?.kind === "view" && capabilities.replaceViewKeepingColumns === true && capabilities.transactionalDdl && savepoints;

  const build = async (executor: SqlExecutor): Promise<number | null> => {
    await runNodeHooks(context, executor, "pre-hook", true);
    if (contracted && "sql" in source) await assertContractColumns(context, executor, source.sql);
    let rows: number | null;
    // a relation replaced by `create or replace` may keep its grants; a renamed-in or recreated one has none
    let built: GrantedBuild = "new";
    if (inPlace && "sql" in source) {
      const ddl = existing ? dialect.createOrReplaceAs(kind, relation.render(), source.sql, ddlOptions) : null;
      rows = ddl ? ((await executor.execute(ddl, { fetch: false, nodeId: context.node.unique_id })).rowsAffected ?? null) : await create(executor, relation);
      if (ddl) built = "replaced";
    } else if (replaceView && (await replacedInPlace(executor, dialect, savepoints, dialect.createOrReplaceAs("view", relation.render(), source.sql, ddlOptions)))) {
      rows = null;
      built = "replaced";
    } else if (capabilities.renameRelation) {
      rows = (await create(executor, temp)) ?? preloaded;
      // Read the views over the old relation before renaming it (their definitions print current names).
      const dependents = existing ? await captureDependentViews(executor, dialect, relation) : [];
      const quoted = relation.quotePolicy.identifier;
      if (existing) await executor.execute(dialect.renameRelation(relation.render(), existing.kind, backup.identifier, quoted), { fetch: false });
      await executor.execute(dialect.renameRelation(temp.render(), kind, relation.identifier, quoted), { fetch: false });
      if (existing) await executor.execute(dialect.dropRelation(backup.render(), existing.kind), { fetch: false });
      warnLost(context, await restoreDependentViews(executor, dialect, dependents));
    } else {
      const dependents = existing ? await captureDependentViews(executor, dialect, relation) : [];
      if (existing) await executor.execute(dialect.dropRelation(relation.render(), existing.kind), { fetch: false });
      rows = "sql" in source ? await create(executor, relation) : preloaded;
      if (!("sql" in source)) {
        await executor.execute(dialect.createTableAs(relation.render(), `select * from ${temp.render()}`, ddlOptions), { fetch: false });
        await executor.execute(dialect.dropRelation(temp.render(), "table"), { fetch: false });
      }
      warnLost(context, await restoreDependentViews(executor, dialect, dependents));
    }
    if (kind === "table") for (const statement of dialect.tableFollowUps?.(relation.render(), ddlOptions) ?? []) await executor.execute(statement, { fetch: false });
    await createIndexes(context, executor, kind);
    await persistDocs(context, executor, kind);
    await runNodeHooks(context, executor, "post-hook", true);
    await applyGrants(context, executor, kind, built);
    return rows;
  };

  let rows: number | null;
  try {
    // A deadlock or serialization failure rolls the whole transaction back: run it again.
    rows = capabilities.transactionalDdl ? await withTransientRetries(dialect, () => adapter.transaction(build)) : await build(adapter);
  } catch (error) {
    await dropQuietly(context, temp);
    throw error;
  }
  await runNodeHooks(context, adapter, "post-hook", false);
  return rows;
}

/**
 * Runs `ddl` under a savepoint; true when it succeeded, false (and the savepoint rolled back)
 * when the engine refused it. Errors that end the transaction (cancel, deadlock) are thrown.
 */
async function replacedInPlace(executor: SqlExecutor, dialect: SqlDialect, savepoints: SavepointDialect, ddl: string): Promise<boolean> {
  await executor.execute(savepoints.create("tsdbt_replace"), { fetch: false });
  try {
    await executor.execute(ddl, { fetch: false });
  } catch (error) {
    if (isStopError(error, dialect)) throw error;
    await executor.execute(savepoints.rollbackTo("tsdbt_replace"), { fetch: false });
    await executor.execute(savepoints.release("tsdbt_replace"), { fetch: false });
    return false;
  }
  await executor.execute(savepoints.release("tsdbt_replace"), { fetch: false });
  return true;
}

/**
 * The `indexes` config of a table, created through `create_indexes` / `get_create_index_sql`
 * (dbt's macros, so the project's overrides apply); adapters without indexes render none.
 */
async function createIndexes(context: BuildContext, executor: SqlExecutor, kind: DdlKind): Promise<void> {
  const indexes = context.node.config.indexes;
  if (kind !== "table" || !context.macros || !Array.isArray(indexes) || indexes.length === 0) return;
  context.debug(`${context.node.unique_id}: indexes are created through get_create_index_sql.`);
  context.macros.call(context.node.unique_id, "create_indexes", [relationArg(context.relation, "table")], syncStatementsOf(executor));
}

/** Warns about the views over the relation that could not be recreated on the new one (they stay dropped). */
function warnLost(context: BuildContext, lost: string[]): void {
  if (lost.length === 0) return;
  const views = lost.length === 1 ? `the view ${lost[0]}` : `the views ${lost.join(", ")}`;
  context.warn(`${context.node.unique_id}: could not recreate ${views} over ${context.relation.render()} on the new relation (a column it reads is gone or changed); dropped, as in dbt: rebuild to restore.`);
}

/** Best-effort removal of a temp relation after a failed build (the next build retries it). */
async function dropQuietly(context: BuildContext, temp: Relation): Promise<void> {
  try {
    const found = await findRelation(context.adapter, temp);
    if (found) await context.adapter.execute(context.adapter.dialect.dropRelation(temp.render(), found.kind), { fetch: false });
  } catch {
    // The warehouse may be unreachable (cancelled run); clearLeftovers cleans up on the next build.
  }
}
