import type { Adapter, ExecuteOptions, QueryResult } from "@tsdbt/adapter-api";

type Executor = Pick<Adapter, "execute"> & { executeSync?: (sql: string, options?: ExecuteOptions) => QueryResult };

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
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "execute") return (sql: string, options?: ExecuteOptions) => wrapExecutor(target).execute(sql, options);
      if (prop === "executeSync" && typeof (target as Executor).executeSync === "function") return wrapExecutor(target as Executor).executeSync;
      if (prop === "transaction") return <T>(fn: (tx: Executor) => Promise<T>) => target.transaction((tx) => fn(wrapExecutor(tx as Executor)));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
