import { RunnerError, RunnerErrorCode } from "../runner-error";
import type { SyncStatements } from "../types";
import type { Materialization, SqlExecutor } from "./build-context";
import { findRelation } from "./relation-lookup";

/** The synchronous path of a worker transaction, when the executor has one. */
export function syncStatementsOf(executor: SqlExecutor): SyncStatements | undefined {
  return typeof (executor as Partial<SyncStatements>).executeSync === "function" ? (executor as unknown as SyncStatements) : undefined;
}

/**
 * A materialization written in Jinja (`{% materialization name, adapter %}` of the project or a
 * package): the macro runs with dbt's materialization context and sends its own statements. With
 * transactional DDL it runs inside one transaction (its `adapter.commit()` is then a no-op and the
 * transaction commits when the macro returns), so a failure leaves the warehouse as it was.
 * `is_incremental()` answers as dbt's does: an `incremental` model whose table exists, without a
 * full refresh. The macro must return `{'relations': [...]}` (TSDBT-E412 otherwise).
 */
export const jinjaMaterialization: Materialization = async (context) => {
  const { adapter, node, macros } = context;
  if (!macros) throw new Error("A Jinja materialization needs a compiler that renders macros.");
  const configured = node.config.full_refresh;
  const fullRefresh = typeof configured === "boolean" ? configured : context.fullRefresh;
  const existing = node.config.materialized === "incremental" && !fullRefresh ? await findRelation(adapter, context.relation) : null;
  const isIncremental = existing?.kind === "table";
  const sql = context.compile(isIncremental);
  const run = (statements: SyncStatements | undefined) => macros.runMaterialization(node.unique_id, sql, statements, isIncremental);
  const outcome = adapter.capabilities.transactionalDdl ? await adapter.transaction(async (tx) => checked(run(syncStatementsOf(tx)))) : checked(run(undefined));
  return { rowsAffected: outcome.rowsAffected, message: outcome.message ?? "OK" };

  function checked(result: ReturnType<typeof run>): ReturnType<typeof run> {
    if (result.relations === null) {
      throw new RunnerError(
        RunnerErrorCode.materializationReturn,
        `The materialization '${String(node.config.materialized)}' of ${node.name} did not return the relations it built; its statements were rolled back where the warehouse has transactional DDL.`,
        { file: node.original_file_path, hint: "End the materialization with {{ return({'relations': [target_relation]}) }}." },
      );
    }
    return result;
  }
};
