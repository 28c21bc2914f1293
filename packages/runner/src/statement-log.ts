import type { Adapter } from "@tsdbt/adapter-api";
import { rewritingAdapter } from "./rewriting-adapter";

/**
 * `adapter`, reporting every statement sent through it (and through its transactions, on their
 * asynchronous and synchronous paths) to `onSql` before it runs: what dbt logs at debug level as
 * `On <node>: <sql>`.
 */
export function statementLoggingAdapter(adapter: Adapter, onSql: (sql: string) => void): Adapter {
  return rewritingAdapter(adapter, (sql, options) => {
    onSql(sql);
    return { sql, options };
  });
}
