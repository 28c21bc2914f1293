import type { Adapter, ExecuteOptions, QueryResult } from "@tsdbt/adapter-api";

/** What sends statements: an adapter or one of its transactions (asynchronously, and synchronously where it can). */
export type StatementExecutor = Pick<Adapter, "execute"> & { executeSync?: (sql: string, options?: ExecuteOptions) => QueryResult };

/**
 * `adapter` whose statements, and those of its transactions, go through the executor `wrap`
 * makes of it (or of the transaction); every other member is the adapter's own.
 */
export function withWrappedExecutors(adapter: Adapter, wrap: (executor: StatementExecutor) => StatementExecutor): Adapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "execute") return (sql: string, options?: ExecuteOptions) => wrap(target).execute(sql, options);
      if (prop === "executeSync" && typeof (target as StatementExecutor).executeSync === "function") return wrap(target as StatementExecutor).executeSync;
      if (prop === "transaction") return <T>(fn: (tx: StatementExecutor) => Promise<T>) => target.transaction((tx) => fn(wrap(tx as StatementExecutor)));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
