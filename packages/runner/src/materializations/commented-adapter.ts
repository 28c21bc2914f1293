import type { Adapter } from "@tsdbt/adapter-api";
import { rewritingAdapter } from "../rewriting-adapter";

/** dbt_project.yml's `query-comment`, rendered for one node. */
export interface QueryComment {
  text: string;
  /** After the statement instead of before it. */
  append: boolean;
  /** Labels every statement's job carries as well (see ExecuteOptions.jobLabels). */
  jobLabels?: Readonly<Record<string, string>>;
}

/**
 * The adapter as one node's build sees it when the project has a query comment: every statement
 * of the build (on the adapter or in its transactions) carries `/* <comment> *\/`, before it (as
 * dbt puts it) or after it (`append: true`), so the warehouse's query history names the node;
 * with `jobLabels`, the statement's job carries them too (labels the statement already has win).
 */
export function commentedAdapter(adapter: Adapter, comment: QueryComment): Adapter {
  // a comment may not close itself early
  const block = `/* ${comment.text.replace(/\*\//g, "* /")} */`;
  const labels = comment.jobLabels;
  return rewritingAdapter(adapter, (sql, options) => ({
    sql: comment.append ? `${sql}\n${block}` : `${block}\n${sql}`,
    options: labels ? { ...options, jobLabels: { ...labels, ...options?.jobLabels } } : options,
  }));
}
