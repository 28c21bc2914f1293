import type { Adapter, ExecuteOptions, QueryResult } from "@tsdbt/adapter-api";

type Executor = Pick<Adapter, "execute"> & { executeSync?: (sql: string, options?: ExecuteOptions) => QueryResult };

/**
 * `adapter`, reporting every statement sent through it (and through its transactions, on their
 * asynchronous and synchronous paths) to `onSql` before it runs: what dbt logs at debug level as
 * `On <node>: <sql>`.
 */
export function statementLoggingAdapter(adapter: Adapter, onSql: (sql: string) => void): Adapter {
  const wrapExecutor = (tx: Executor): Executor => {
    const wrapped: Executor = {
      execute: (sql, options) => {
        onSql(sql);
        return tx.execute(sql, options);
      },
    };
    const sync = tx.executeSync;
    if (typeof sync === "function") {
      wrapped.executeSync = (sql, options) => {
        onSql(sql);
        return sync.call(tx, sql, options);
      };
    }
    return wrapped;
  };
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "execute") return (sql: string, options?: ExecuteOptions) => wrapExecutor(target).execute(sql, options);
      if (prop === "transaction") return <T>(fn: (tx: Executor) => Promise<T>) => target.transaction((tx) => fn(wrapExecutor(tx as Executor)));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
