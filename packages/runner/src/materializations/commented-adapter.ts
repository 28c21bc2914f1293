import type { Adapter, ExecuteOptions } from "@tsdbt/adapter-api";

/** dbt_project.yml's `query-comment`, rendered for one node. */
export interface QueryComment {
  text: string;
  /** After the statement instead of before it. */
  append: boolean;
}

/**
 * The adapter as one node's build sees it when the project has a query comment: every statement
 * of the build (on the adapter or in its transactions) carries `/* <comment> *\/`, before it (as
 * dbt puts it) or after it (`append: true`), so the warehouse's query history names the node.
 */
export function commentedAdapter(adapter: Adapter, comment: QueryComment): Adapter {
  // a comment may not close itself early
  const block = `/* ${comment.text.replace(/\*\//g, "* /")} */`;
  const withComment = (sql: string) => (comment.append ? `${sql}\n${block}` : `${block}\n${sql}`);
  const commented = Object.create(adapter) as Adapter;
  commented.execute = (sql, options) => adapter.execute(withComment(sql), options);
  commented.transaction = (fn) =>
    adapter.transaction((tx) => {
      const wrapped: Pick<Adapter, "execute"> & { executeSync?: unknown } = { execute: (sql, options) => tx.execute(withComment(sql), options) };
      // keep the worker transaction's synchronous path for templates rendered inside it (hooks)
      const sync = (tx as { executeSync?: (sql: string, options?: ExecuteOptions) => unknown }).executeSync;
      if (typeof sync === "function") wrapped.executeSync = (sql: string, options?: ExecuteOptions) => sync.call(tx, withComment(sql), options);
      return fn(wrapped);
    });
  return commented;
}
