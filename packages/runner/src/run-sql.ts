import type { Adapter } from "@tsdbt/adapter-api";
import { withWrappedExecutors, type StatementExecutor } from "./wrap-executors";

type Executor = StatementExecutor;

/** An adapter that remembers what one node's build sent, for the node's file under target/run. */
export interface RunSqlRecorder {
  adapter: Adapter;
  /**
   * The SQL dbt would leave in target/run for the node: when the node `failed`, the first statement
   * the warehouse refused; else the last statement that carried the node's compiled SQL (the
   * create, the test's query), or when that built rows into a table of their own, the statements
   * that wrote them into the target (an incremental run's delete and insert, or merge; a snapshot's
   * update and insert), as dbt's file holds its strategy's SQL; else null (a seed loaded by COPY).
   */
  runSql(compiledSql: string | null, failed: boolean): string | null;
}

/**
 * Wraps `adapter` (on its asynchronous and synchronous paths, in and out of transactions) to
 * record the statements sent through it, as the node's templates and strategies wrote them.
 */
export function recordRunSql(adapter: Adapter): RunSqlRecorder {
  const sent: string[] = [];
  let refused: string | null = null;
  const failed = (sql: string, error: unknown): never => {
    refused ??= sql;
    throw error;
  };
  const wrapExecutor = (tx: Executor): Executor => {
    const wrapped: Executor = {
      execute: async (sql, options) => {
        sent.push(sql);
        try {
          return await tx.execute(sql, options);
        } catch (error) {
          return failed(sql, error);
        }
      },
    };
    const sync = tx.executeSync;
    if (typeof sync === "function") {
      wrapped.executeSync = (sql, options) => {
        sent.push(sql);
        try {
          return sync.call(tx, sql, options);
        } catch (error) {
          return failed(sql, error);
        }
      };
    }
    return wrapped;
  };
  const recorded = withWrappedExecutors(adapter, wrapExecutor);
  return {
    adapter: recorded,
    runSql(compiledSql, nodeFailed) {
      // (a refused statement of a node that succeeded was a tried path, such as a view replaced in place)
      if (nodeFailed && refused !== null) return refused;
      const body = compiledSql?.trim();
      const at = body ? sent.map((sql) => sql.includes(body)).lastIndexOf(true) : -1;
      if (at < 0) return null;
      // the compiled SQL built new rows into a relation of their own (an incremental or snapshot run on an existing table):
      // dbt's file holds the statements that wrote them into the target, as tsdbt's does
      const built = /^\s*create\s+(?:or\s+replace\s+)?(?:temporary\s+|temp\s+)?table\s+(\S+)/i.exec(sent[at]!)?.[1];
      const writes = built ? sent.slice(at + 1).filter((sql) => sql.includes(built) && /^\s*(insert|update|delete|merge|create)\b/i.test(sql)) : [];
      return writes.length > 0 ? writes.join(";\n\n") : sent[at]!;
    },
  };
}
