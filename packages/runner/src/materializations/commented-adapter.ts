import type { Adapter } from "@tsdbt/adapter-api";
import { rewritingAdapter } from "../rewriting-adapter";

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
  return rewritingAdapter(adapter, (sql, options) => ({ sql: comment.append ? `${sql}\n${block}` : `${block}\n${sql}`, options }));
}
