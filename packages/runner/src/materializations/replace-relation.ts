import type { Relation } from "@tsdbt/adapter-api";
import type { BuildContext, SqlExecutor } from "./build-context";
import { runNodeHooks } from "./hooks";
import { persistDocs } from "./persist-docs";
import { BACKUP_SUFFIX, clearLeftovers, findRelation, TEMP_SUFFIX, withSuffix, type DdlKind } from "./relation-lookup";

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
 * Leftovers of an interrupted earlier build are dropped first.
 * Engines that cannot rename drop the old relation and create the new one in place.
 * @returns rows affected, when the warehouse reports them.
 */
export async function replaceRelation(context: BuildContext, kind: DdlKind, source: ReplacementSource): Promise<number | null> {
  const { adapter, relation } = context;
  const { dialect, capabilities } = adapter;
  const temp = withSuffix(relation, TEMP_SUFFIX);
  const backup = withSuffix(relation, BACKUP_SUFFIX);
  const existing = await clearLeftovers(adapter, relation);
  await runNodeHooks(context, adapter, "pre-hook", false);

  const create = async (executor: SqlExecutor, target: Relation): Promise<number | null> => {
    if (!("sql" in source)) return null;
    const ddl = kind === "view" ? dialect.createViewAs(target.render(), source.sql) : dialect.createTableAs(target.render(), source.sql);
    const result = await executor.execute(ddl, { fetch: false, nodeId: context.node.unique_id });
    return result.rowsAffected ?? null;
  };
  const preloaded = "preload" in source ? await source.preload(temp) : null;

  // Inside a transaction a relation can be built in place: nothing is visible until commit and a
  // failure rolls back. That saves the temp relation and the renames (two to four statements).
  const inPlace = "sql" in source && capabilities.transactionalDdl && (!existing || (existing.kind === kind && capabilities.createOrReplace));

  const build = async (executor: SqlExecutor): Promise<number | null> => {
    await runNodeHooks(context, executor, "pre-hook", true);
    let rows: number | null;
    if (inPlace && "sql" in source) {
      const ddl = existing ? dialect.createOrReplaceAs(kind, relation.render(), source.sql) : null;
      rows = ddl ? ((await executor.execute(ddl, { fetch: false, nodeId: context.node.unique_id })).rowsAffected ?? null) : await create(executor, relation);
    } else if (capabilities.renameRelation) {
      rows = (await create(executor, temp)) ?? preloaded;
      if (existing) await executor.execute(dialect.renameRelation(relation.render(), existing.kind, backup.identifier), { fetch: false });
      await executor.execute(dialect.renameRelation(temp.render(), kind, relation.identifier), { fetch: false });
      if (existing) await executor.execute(dialect.dropRelation(backup.render(), existing.kind), { fetch: false });
    } else {
      if (existing) await executor.execute(dialect.dropRelation(relation.render(), existing.kind), { fetch: false });
      rows = "sql" in source ? await create(executor, relation) : preloaded;
      if (!("sql" in source)) {
        await executor.execute(dialect.createTableAs(relation.render(), `select * from ${temp.render()}`), { fetch: false });
        await executor.execute(dialect.dropRelation(temp.render(), "table"), { fetch: false });
      }
    }
    await persistDocs(context, executor, kind);
    await runNodeHooks(context, executor, "post-hook", true);
    return rows;
  };

  let rows: number | null;
  try {
    rows = capabilities.transactionalDdl ? await adapter.transaction(build) : await build(adapter);
  } catch (error) {
    await dropQuietly(context, temp);
    throw error;
  }
  await runNodeHooks(context, adapter, "post-hook", false);
  return rows;
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
