import type { ManifestNode, NodeCompiler, ParsedProject, QueryComment } from "@tsdbt/core";

/** dbt's default `query-comment`: the `query_comment(connection_name, node)` macro (the project's, a package's or the built-in). */
const DEFAULT_TEMPLATE = "{{ query_comment(connection_name, node) }}";

/**
 * dbt_project.yml's `query-comment`, rendered as dbt renders it: for a node, with `node` and
 * `connection_name` (the node's id); for statements of no node (the run's hooks, a run-operation),
 * with `node` none and `connection_name` as given (dbt's "master", `macro_<name>`). Each is
 * rendered once and kept. Undefined when the project turned comments off (`query-comment: null`
 * or `''`). `compiler` is asked for lazily: the compiler that uses the comments renders them.
 * The statements' jobs carry the label `dbt_invocation_id` (as dbt-bigquery labels every job),
 * and with `job-label: true` the comment as labels too (see {@link commentJobLabels}).
 */
export function queryCommentRenderer(
  parsed: ParsedProject,
  compiler: () => NodeCompiler,
  invocationId: string,
  runConnectionName = "master",
): ((node: ManifestNode | null) => QueryComment | null) | undefined {
  const config = parsed.project.queryComment;
  if (!config.enabled) return undefined;
  const template = config.comment ?? DEFAULT_TEMPLATE;
  const rendered = new Map<string | null, QueryComment | null>();
  return (node) => {
    const key = node?.unique_id ?? null;
    if (rendered.has(key)) return rendered.get(key)!;
    const connectionName = node?.unique_id ?? runConnectionName;
    const text = compiler().renderText(template, node, "dbt_project.yml", { connection_name: connectionName, node: node ?? null }).trim();
    const comment = text === "" ? null : { text, append: config.append, jobLabels: { ...(config.jobLabel ? commentJobLabels(text) : {}), dbt_invocation_id: invocationId } };
    rendered.set(key, comment);
    return comment;
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
