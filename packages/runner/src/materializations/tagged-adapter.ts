import type { Adapter } from "@tsdbt/adapter-api";
import { rewritingAdapter } from "../rewriting-adapter";

/**
 * The adapter as one node's build sees it when the node has a query tag (its `query_tag` config,
 * or the tag a `set_query_tag` override sets): every statement of the build (on the adapter or in
 * its transactions) carries the tag, so the warehouse records it in its query history. Engines
 * without query tags ignore it; nothing is set on a session, so there is nothing to restore.
 */
export function taggedAdapter(adapter: Adapter, queryTag: string): Adapter {
  return rewritingAdapter(adapter, (sql, options) => ({ sql, options: { ...options, queryTag: options?.queryTag ?? queryTag } }));
}
