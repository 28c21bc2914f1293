import type { Relation, SqlDialect } from "@tsdbt/adapter-api";
import type { SqlExecutor } from "./build-context";
import { isStopError } from "./transient-retry";

/** A view that reads a relation being swapped, captured so the swap can recreate it. */
export interface DependentView {
  key: string;
  schema: string;
  name: string;
  /** Keys of the other captured views it reads. */
  reads: string[];
  /** Statements recreating it (create, owner, grants, comments), `;`-separated. */
  ddl: string;
}

/**
 * Reads the views that depend on `relation` (transitively), in an order where each comes after
 * the views it reads, when the engine's `drop … cascade` would drop them
 * ({@link SqlDialect.dependentViews}). Call it inside the swap's transaction, before renaming.
 * When there are any, it first takes the dialect's swap lock, so concurrent swaps over shared
 * views run one after the other instead of deadlocking; the cheap listing before the lock reads
 * no view definition, hence locks no view.
 */
export async function captureDependentViews(executor: SqlExecutor, dialect: SqlDialect, relation: Relation): Promise<DependentView[]> {
  const views = dialect.dependentViews;
  if (!views) return [];
  const listed = await executor.execute(views.listQuery(relation.schema, relation.identifier));
  if (listed.rows.length === 0) return [];
  await executor.execute(views.lockStatement, { fetch: false });
  const { rows } = await executor.execute(views.definitionsQuery(relation.schema, relation.identifier));
  return inCreationOrder(
    rows.map((row) => ({
      key: String(row.oid),
      schema: String(row.schema_name),
      name: String(row.name),
      reads: row.reads ? String(row.reads).split(",").filter(Boolean) : [],
      ddl: String(row.ddl),
    })),
  );
}

/** Views ordered so that each follows every captured view it reads (depth-first, stable by input order). */
export function inCreationOrder(views: DependentView[]): DependentView[] {
  const byKey = new Map(views.map((v) => [v.key, v]));
  const done = new Set<string>();
  const ordered: DependentView[] = [];
  const visit = (view: DependentView, path: Set<string>) => {
    if (done.has(view.key) || path.has(view.key)) return;
    path.add(view.key);
    for (const key of view.reads) {
      const read = byKey.get(key);
      if (read) visit(read, path);
    }
    path.delete(view.key);
    done.add(view.key);
    ordered.push(view);
  };
  for (const view of views) visit(view, new Set());
  return ordered;
}

/**
 * Recreates captured views after the swap, under savepoints where the engine has them: all of
 * them in one round trip first; when the engine refuses one, one by one, so that a view the new
 * relation can no longer serve (a column it reads is gone) stays dropped, as dbt leaves it, and
 * its name is returned; the run rebuilds it when it is a selected model. An error that stops the
 * transaction (cancel, deadlock, lost connection) is thrown.
 * @returns `schema.name` of the views that could not be recreated.
 */
export async function restoreDependentViews(executor: SqlExecutor, dialect: SqlDialect, views: DependentView[]): Promise<string[]> {
  if (views.length === 0) return [];
  const savepoints = dialect.savepoints;
  if (!savepoints) {
    for (const view of views) await executor.execute(view.ddl, { fetch: false });
    return [];
  }
  const attempt = async (ddl: string): Promise<boolean> => {
    try {
      await executor.execute(`${savepoints.create("tsdbt_dependents")};\n${ddl};\n${savepoints.release("tsdbt_dependents")}`, { fetch: false });
      return true;
    } catch (error) {
      if (isStopError(error, dialect)) throw error;
      await executor.execute(`${savepoints.rollbackTo("tsdbt_dependents")};\n${savepoints.release("tsdbt_dependents")}`, { fetch: false });
      return false;
    }
  };
  if (await attempt(views.map((v) => v.ddl).join(";\n"))) return [];
  const lost: string[] = [];
  for (const view of views) if (!(await attempt(view.ddl))) lost.push(`${view.schema}.${view.name}`);
  return lost;
}
