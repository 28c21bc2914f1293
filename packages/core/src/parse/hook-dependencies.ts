import { tolerateUndefined } from "@tsdbt/jinja";
import type { Hook, ManifestNode } from "../manifest/types";
import { createNodeContext, type RenderSession } from "../context/node-context";
import { createCaptureScope, type CaptureTarget } from "./capture-scope";

/** True when a text holds Jinja (a plain SQL hook needs no render). */
const hasJinja = (sql: string): boolean => sql.includes("{{") || sql.includes("{%");

/**
 * What dbt learns from a node's hooks while it parses: it renders each pre- and post-hook of the
 * node's final config (the project's and the node's, in that order; `execute` false), so the
 * `ref`s and `source`s a hook reads become the node's dependencies (it is built after them) and
 * the macros a hook calls are added to `depends_on.macros` after the body's. `body`: a text
 * rendered first the same way (an on-run-start/end operation's own SQL). A hook that does not
 * render here is left as it is: it is rendered again, and reported, when the node runs.
 */
export function captureHookDependencies(session: RenderSession, node: ManifestNode, target: CaptureTarget, body?: string): void {
  const hooks = [...((node.config["pre-hook"] ?? []) as Hook[]), ...((node.config["post-hook"] ?? []) as Hook[])].map((h) => h.sql);
  const texts = [...(body === undefined ? [] : [body]), ...hooks].filter((sql) => typeof sql === "string" && hasJinja(sql));
  if (texts.length === 0) return;
  const capture = createCaptureScope(node, target, () => node.config);
  // a hook's config() call changes nothing: the node's config is final
  const scope = { ...capture, config: { set: () => undefined, get: (key: string) => node.config[key] } };
  const { context, resolveGlobal } = createNodeContext(session, scope);
  for (const sql of texts) {
    try {
      // as dbt's parser: a name that is not defined does not stop the render
      tolerateUndefined(() => session.env.render(sql, context, { file: node.original_file_path, resolveGlobal }));
    } catch {
      // what the hook called before it stopped still counts
    }
  }
  for (const macro of capture.macros) if (!node.depends_on.macros.includes(macro)) node.depends_on.macros.push(macro);
}
