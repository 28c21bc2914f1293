import type { QueryResult } from "@tsdbt/adapter-api";
import type { MaterializationOutcome } from "@tsdbt/core";
import { RunnerError, RunnerErrorCode, TemplateFailure } from "../runner-error";
import type { SyncStatements } from "../types";
import type { Materialization, SqlExecutor } from "./build-context";
import { DbtTransactions } from "./dbt-transactions";
import { findRelation } from "./relation-lookup";

/** True when `error` or one of its causes is in `errors`. */
function causedBy(error: unknown, errors: WeakSet<object>): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === "object" && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    if (errors.has(e)) return true;
  }
  return false;
}

/** The first words of a statement, for a message. */
function firstWords(sql: string): string {
  return sql.trim().replace(/\s+/g, " ").split(" ").slice(0, 4).join(" ");
}

/** The synchronous path of a worker transaction, when the executor has one. */
export function syncStatementsOf(executor: SqlExecutor): SyncStatements | undefined {
  return typeof (executor as Partial<SyncStatements>).executeSync === "function" ? (executor as unknown as SyncStatements) : undefined;
}

/**
 * A materialization written in Jinja (`{% materialization name, adapter %}` of the project or a
 * package): the macro runs with dbt's materialization context and sends its own statements. With
 * transactional DDL it runs on one connection whose transactions open and close as dbt's do
 * ({@link DbtTransactions}): `adapter.commit()` commits, hooks outside the transaction run outside
 * it, and a failure rolls back what came after the last commit.
 * `is_incremental()` answers as dbt's does: an `incremental` model whose table exists, without a
 * full refresh. The macro must return `{'relations': [...]}` (TSDBT-E412 otherwise).
 */
export const jinjaMaterialization: Materialization = (context) => runMaterializationMacro(context);

/**
 * Runs a materialization macro as {@link jinjaMaterialization} does: the node's own, or the macro
 * `macroName` in its place (tsdbt's snapshot through dbt's snapshot macros). `seedTable`: a seed's
 * rows, which `load_agate_table()` gives the macro.
 */
export async function runMaterializationMacro(context: Parameters<Materialization>[0], macroName?: string, seedTable?: QueryResult): ReturnType<Materialization> {
  const outcome = await materializationOutcome(context, macroName, seedTable);
  return { rowsAffected: outcome.rowsAffected, message: outcome.message ?? "OK" };
}

/**
 * Runs a materialization macro as {@link runMaterializationMacro} does and gives back all it
 * told: the relations it returned, the `main` statement's response and first fetched row.
 */
export async function materializationOutcome(context: Parameters<Materialization>[0], macroName?: string, seedTable?: QueryResult): Promise<MaterializationOutcome> {
  const { adapter, node, macros } = context;
  if (!macros) throw new Error("A Jinja materialization needs a compiler that renders macros.");
  const configured = node.config.full_refresh;
  const fullRefresh = typeof configured === "boolean" ? configured : context.fullRefresh;
  const existing = node.config.materialized === "incremental" && !fullRefresh ? await findRelation(adapter, context.relation) : null;
  const isIncremental = existing?.kind === "table";
  const sql = context.compile(isIncremental);
  // errors of the warehouse are told apart from the template's own (Database vs Compilation Error)
  const refused = new WeakSet<object>();
  const watched = (statements: SyncStatements | undefined): SyncStatements | undefined =>
    statements && {
      executeSync(text, options) {
        try {
          return statements.executeSync(text, options);
        } catch (error) {
          if (error !== null && typeof error === "object") refused.add(error);
          throw error;
        }
      },
      commitSync: statements.commitSync && (() => statements.commitSync!()),
    };
  const run = (statements: SyncStatements | undefined) => {
    try {
      return macros.runMaterialization(node.unique_id, sql, watched(statements), isIncremental, macroName, seedTable);
    } catch (error) {
      throw statements && !causedBy(error, refused) ? new TemplateFailure(error) : error;
    }
  };
  return adapter.capabilities.transactionalDdl ? await adapter.transaction(async (tx) => checked(runInTransactions(syncStatementsOf(tx)))) : checked(run(undefined));

  /** Runs the macro with dbt's transactions on the transaction's connection (when it has a synchronous path). */
  function runInTransactions(connection: SyncStatements | undefined): ReturnType<typeof run> {
    if (!connection) return run(undefined);
    const transactions = new DbtTransactions(connection);
    let result: ReturnType<typeof run>;
    try {
      result = run(transactions);
    } catch (error) {
      try {
        transactions.settle();
      } catch {
        // the connection is gone: the adapter's rollback reports nothing more useful than `error`
      }
      throw error;
    }
    const lost = transactions.finish();
    if (lost.length > 0) {
      context.warn(
        `${node.unique_id}: the materialization '${String(node.config.materialized)}' did not commit its last ${lost.length === 1 ? "statement" : `${lost.length} statements`} (${firstWords(lost[0]!)}…); they were rolled back, as dbt does. Call {{ adapter.commit() }} after them.`,
      );
    }
    return result;
  }

  function checked(result: ReturnType<typeof run>): ReturnType<typeof run> {
    if (result.relations === null) {
      throw new RunnerError(
        RunnerErrorCode.materializationReturn,
        `The materialization '${String(node.config.materialized)}' of ${node.name} did not return the relations it built; its statements were rolled back where the warehouse has transactional DDL.`,
        { file: node.original_file_path, hint: "End the materialization with {{ return({'relations': [target_relation]}) }}." },
      );
    }
    // a materialization of the project or a package must run its `main` statement, as dbt requires
    if (!macroName && !result.ranMain) {
      throw new RunnerError(RunnerErrorCode.materializationReturn, "main is not being called during running model", {
        file: node.original_file_path,
        hint: `Run the model's SQL in the materialization '${String(node.config.materialized)}' with {% call statement('main') %}…{% endcall %}.`,
      });
    }
    return result;
  }
}
