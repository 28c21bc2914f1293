import type { Adapter, ExecuteOptions } from "@tsdbt/adapter-api";

/**
 * The adapter as one node's build sees it when the node has a `query_tag` config: every
 * statement of the build (on the adapter or in its transactions) carries the tag, so the
 * warehouse records it in its query history. Engines without query tags ignore it; nothing is
 * set on a session, so there is nothing to restore afterwards.
 */
export function taggedAdapter(adapter: Adapter, queryTag: string): Adapter {
  const tag = (options?: ExecuteOptions): ExecuteOptions => ({ ...options, queryTag: options?.queryTag ?? queryTag });
  const tagged = Object.create(adapter) as Adapter;
  tagged.execute = (sql, options) => adapter.execute(sql, tag(options));
  tagged.transaction = (fn) =>
    adapter.transaction((tx) => {
      const wrapped: Pick<Adapter, "execute"> & { executeSync?: unknown } = { execute: (sql, options) => tx.execute(sql, tag(options)) };
      // keep the worker transaction's synchronous path for templates rendered inside it (hooks)
      const sync = (tx as { executeSync?: (sql: string, options?: ExecuteOptions) => unknown }).executeSync;
      if (typeof sync === "function") wrapped.executeSync = (sql: string, options?: ExecuteOptions) => sync.call(tx, sql, tag(options));
      return fn(wrapped);
    });
  return tagged;
}
