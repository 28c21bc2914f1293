import type { Hook } from "@tsdbt/core";
import type { BuildContext, SqlExecutor } from "./build-context";
import type { SyncStatements } from "../types";

/**
 * Runs the node's `pre-hook` or `post-hook` entries whose `transaction` flag equals
 * `insideTransaction`, in order, each rendered for the node. `isIncremental`: an incremental
 * model's incremental run, where the hooks' `is_incremental()` is true (dbt renders hooks in the
 * materialization's context).
 */
export async function runNodeHooks(
  context: BuildContext,
  executor: SqlExecutor,
  which: "pre-hook" | "post-hook",
  insideTransaction: boolean,
  isIncremental = false,
): Promise<void> {
  const hooks: Hook[] = context.node.config[which] ?? [];
  for (const hook of hooks) {
    if ((hook.transaction ?? true) !== insideTransaction) continue;
    // a transaction of the worker adapter runs the hook's own statements (run_query, adapter.drop_relation…) too
    const statements = typeof (executor as Partial<SyncStatements>).executeSync === "function" ? (executor as unknown as SyncStatements) : undefined;
    const sql = context.compiler.renderHook(hook.sql, context.node.unique_id, undefined, statements, undefined, isIncremental);
    if (sql.trim() !== "") await executor.execute(sql, { fetch: false, nodeId: context.node.unique_id });
  }
}
