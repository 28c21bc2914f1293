import type { Adapter } from "@tsdbt/adapter-api";
import { withQueryComment, type QueryComment } from "@tsdbt/core";
import { rewritingAdapter } from "../rewriting-adapter";

export type { QueryComment };

/**
 * The adapter as one node's build (or the run's hooks) sees it when the project has a query
 * comment: every statement sent through it (on the adapter or in its transactions) carries the
 * comment, so the warehouse's query history names the node; with `jobLabels`, the statement's job
 * carries them too (labels the statement already has win).
 */
export function commentedAdapter(adapter: Adapter, comment: QueryComment): Adapter {
  const labels = comment.jobLabels;
  return rewritingAdapter(adapter, (sql, options) => ({
    sql: withQueryComment(sql, comment),
    options: labels ? { ...options, jobLabels: { ...labels, ...options?.jobLabels } } : options,
  }));
}
