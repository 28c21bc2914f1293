import type { Adapter, ExecuteOptions } from "@tsdbt/adapter-api";
import { withWrappedExecutors, type StatementExecutor } from "./wrap-executors";

type Executor = StatementExecutor;

/** What a wrapper does to one statement before it is sent: the statement and options to send instead. */
export type StatementRewrite = (sql: string, options: ExecuteOptions | undefined) => { sql: string; options: ExecuteOptions | undefined };

/**
 * `adapter` with every statement sent through it, and through its transactions (on their
 * asynchronous and synchronous paths), passed through `rewrite` first: the one way the runner
 * logs, tags and comments a node's statements.
 */
export function rewritingAdapter(adapter: Adapter, rewrite: StatementRewrite): Adapter {
  const wrapExecutor = (tx: Executor): Executor => {
    const wrapped: Executor = {
      execute: (sql, options) => {
        const next = rewrite(sql, options);
        return tx.execute(next.sql, next.options);
      },
    };
    const sync = tx.executeSync;
    if (typeof sync === "function") {
      wrapped.executeSync = (sql, options) => {
        const next = rewrite(sql, options);
        return sync.call(tx, next.sql, next.options);
      };
    }
    return wrapped;
  };
  return withWrappedExecutors(adapter, wrapExecutor);
}
