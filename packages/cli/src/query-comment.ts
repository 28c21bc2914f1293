import type { ManifestNode, NodeCompiler, ParsedProject, QueryComment } from "@tsdbt/core";

/** dbt's default `query-comment`: the `query_comment(connection_name, node)` macro (the project's, a package's or the built-in). */
const DEFAULT_TEMPLATE = "{{ query_comment(connection_name, node) }}";

/**
 * dbt_project.yml's `query-comment`, rendered as dbt renders it: for a node, with `node` and
 * `connection_name` (the node's id); for statements of no node (the run's hooks, a run-operation),
 * with `node` none and `connection_name` as given (dbt's "master", `macro_<name>`). Each is
 * rendered once and kept. Undefined when the project turned comments off (`query-comment: null`
 * or `''`). `compiler` is asked for lazily: the compiler that uses the comments renders them.
 */
export function queryCommentRenderer(parsed: ParsedProject, compiler: () => NodeCompiler, runConnectionName = "master"): ((node: ManifestNode | null) => QueryComment | null) | undefined {
  const config = parsed.project.queryComment;
  if (!config.enabled) return undefined;
  const template = config.comment ?? DEFAULT_TEMPLATE;
  const rendered = new Map<string | null, QueryComment | null>();
  return (node) => {
    const key = node?.unique_id ?? null;
    if (rendered.has(key)) return rendered.get(key)!;
    const connectionName = node?.unique_id ?? runConnectionName;
    const text = compiler().renderText(template, node, "dbt_project.yml", { connection_name: connectionName, node: node ?? null }).trim();
    const comment = text === "" ? null : { text, append: config.append };
    rendered.set(key, comment);
    return comment;
  };
}
