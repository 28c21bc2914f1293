import type { ManifestNode, NodeCompiler, ParsedProject } from "@tsdbt/core";
import type { QueryComment } from "@tsdbt/runner";

/** dbt's default `query-comment`: the `query_comment(connection_name, node)` macro (the project's, a package's or the built-in). */
const DEFAULT_TEMPLATE = "{{ query_comment(connection_name, node) }}";

/**
 * dbt_project.yml's `query-comment`, rendered in each node's context (with `node` and
 * `connection_name`, as dbt renders it) for the statements of its build; undefined when the
 * project turned it off (`query-comment: null` or `''`). The statements' jobs carry the label
 * `dbt_invocation_id` (as dbt-bigquery labels every job), and with `job-label: true` the comment
 * as labels too (see {@link commentJobLabels}).
 */
export function queryCommentRenderer(parsed: ParsedProject, compiler: NodeCompiler, invocationId: string): ((node: ManifestNode) => QueryComment | null) | undefined {
  const config = parsed.project.queryComment;
  if (!config.enabled) return undefined;
  const template = config.comment ?? DEFAULT_TEMPLATE;
  return (node) => {
    const text = compiler.renderText(template, node, "dbt_project.yml", { connection_name: node.unique_id, node }).trim();
    if (text === "") return null;
    return { text, append: config.append, jobLabels: { ...(config.jobLabel ? commentJobLabels(text) : {}), dbt_invocation_id: invocationId } };
  };
}

/** A JSON value as Python's `str()` prints a scalar (dbt builds its labels that way). */
function pythonText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * The job labels of a rendered query comment, as dbt-bigquery makes them: a JSON object's
 * keys and values (dbt's default comment gives app, dbt_version, profile_name, target_name,
 * node_id), any other text as one `query_comment` label. The engine makes them legal labels.
 */
export function commentJobLabels(text: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { query_comment: text };
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [key, pythonText(value)]));
}
