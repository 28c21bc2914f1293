import type { Adapter } from "@tsdbt/adapter-api";
import { RunnerError, RunnerErrorCode } from "./runner-error";

/**
 * Wraps an adapter so that, once `signal` is aborted, no new statement starts: a node that
 * was between statements when the run stopped (fail-fast, Ctrl-C) fails at its next
 * statement instead of starting a long query after `adapter.cancel()` already ran.
 */
export function stoppableAdapter(adapter: Adapter, signal: AbortSignal): Adapter {
  const check = (): void => {
    if (signal.aborted) {
      throw new RunnerError(RunnerErrorCode.cancelled, "The run was stopped before this statement started.", {
        hint: "Nothing was changed by this statement; run the command again to finish the remaining nodes.",
      });
    }
  };
  const guarded = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    check();
    return fn(...args);
  };
  const loadCsv = adapter.loadCsv;
  const copyTables = adapter.copyTables;
  return {
    type: adapter.type,
    dialect: adapter.dialect,
    capabilities: adapter.capabilities,
    get defaultDatabase() {
      return adapter.defaultDatabase;
    },
    defaultSchema: adapter.defaultSchema,
    open: () => adapter.open(),
    execute: guarded((sql: string, options?: Parameters<Adapter["execute"]>[1]) => adapter.execute(sql, options)),
    transaction: guarded(<T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>) =>
      adapter.transaction((tx) => {
        const wrapped: Pick<Adapter, "execute"> & { executeSync?: unknown } = { execute: guarded((sql: string, options?: Parameters<Adapter["execute"]>[1]) => tx.execute(sql, options)) };
        // keep the worker transaction's synchronous path: templates rendered inside it (hooks) run their statements on it
        const sync = (tx as { executeSync?: unknown }).executeSync;
        if (typeof sync === "function") wrapped.executeSync = sync;
        return fn(wrapped);
      }),
    ),
    listRelations: (database, schema) => adapter.listRelations(database, schema),
    ...(adapter.findRelations ? { findRelations: (database: string | null, schema: string, names: string[]) => adapter.findRelations!(database, schema, names) } : {}),
    getColumns: (relation) => adapter.getColumns(relation),
    listSchemas: (database) => adapter.listSchemas(database),
    cancel: () => adapter.cancel(),
    close: () => adapter.close(),
    ...(loadCsv ? { loadCsv: guarded((...args: Parameters<typeof loadCsv>) => loadCsv.apply(adapter, args)) } : {}),
    ...(copyTables ? { copyTables: guarded((...args: Parameters<typeof copyTables>) => copyTables.apply(adapter, args)) } : {}),
  };
}
