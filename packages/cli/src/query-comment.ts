import type { ManifestNode, NodeCompiler, ParsedProject } from "@tsdbt/core";
import type { QueryComment } from "@tsdbt/runner";

/** dbt's default `query-comment`: the `query_comment(connection_name, node)` macro (the project's, a package's or the built-in). */
const DEFAULT_TEMPLATE = "{{ query_comment(connection_name, node) }}";

/**
 * dbt_project.yml's `query-comment`, rendered in each node's context (with `node` and
 * `connection_name`, as dbt renders it) for the statements of its build; undefined when the
 * project turned it off (`query-comment: null` or `''`).
 */
export function queryCommentRenderer(parsed: ParsedProject, compiler: NodeCompiler): ((node: ManifestNode) => QueryComment | null) | undefined {
  const config = parsed.project.queryComment;
  if (!config.enabled) return undefined;
  const template = config.comment ?? DEFAULT_TEMPLATE;
  return (node) => {
    const text = compiler.renderText(template, node, "dbt_project.yml", { connection_name: node.unique_id, node }).trim();
    return text === "" ? null : { text, append: config.append };
  };
}
