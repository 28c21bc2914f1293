import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";
import { createNodeContext, type NodeRenderContext, type RenderSession } from "../context/node-context";
import { evaluateStaticCall } from "./static-call";
import { createCaptureScope, type CaptureTarget } from "./capture-scope";
import { renderErrorToDiagnostic } from "./render-diagnostic";
import { branchRuns, staticParse } from "./static-parse";
import { staticReadAllowed } from "./static-read-allowed";
import { configCallValues } from "../context/runtime/config-proxy";
import { BUILTIN_PACKAGE } from "../context/macro-registry";
import { tolerateUndefined } from "@tsdbt/jinja";

/** The macro a template's `is_incremental()` calls (tsdbt answers it in the render context). */
const IS_INCREMENTAL = `macro.${BUILTIN_PACKAGE}.is_incremental`;

/** How a node's SQL was read while parsing. */
export type ParseMethod = "static" | "rendered";

/**
 * Parses one SQL node (model, analysis, singular test, snapshot body): records its refs,
 * sources, `config()` calls and macros. Templates whose Jinja is only ref/source/config
 * with literal arguments are read without rendering.
 */
export function parseSqlNode(
  session: RenderSession,
  node: ManifestNode,
  target: CaptureTarget,
  configView: () => Record<string, unknown>,
  lineOffset = 1,
  fullRender = false,
): { method: ParseMethod; diagnostics: Diagnostic[] } {
  const scope = createCaptureScope(node, target, configView);
  const fast = fullRender || !staticReadAllowed(session.registry, node.package_name) ? null : staticParse(node.raw_code);
  if (fast) {
    const before = { refs: [...node.refs], sources: [...node.sources], config: { ...node.config_call_dict } };
    let render: NodeRenderContext | undefined;
    try {
      // each `{% if is_incremental() %}` calls that macro from the template itself, as the renderer records
      const incrementalChecks = fast.silent.filter((t) => t.kind === "if").map((t) => t.start);
      for (const call of fast.calls) {
        while (incrementalChecks.length > 0 && incrementalChecks[0] < call.start) (incrementalChecks.shift(), scope.onMacro(IS_INCREMENTAL));
        // while parsing, is_incremental() is false: its branch does not run
        if (!branchRuns(call.branch, false) || call.fn === "this") continue;
        if (call.fn === "ref") scope.ref(call.args, call.kwargs);
        else if (call.fn === "source") scope.source(String(call.args[0]), String(call.args[1]));
        else if (call.fn === "call") evaluateStaticCall(call, (render ??= createNodeContext(session, scope)), (n) => session.registry.hasPackage(n));
        else scope.config.set(configCallValues(call.args, call.kwargs));
      }
      if (incrementalChecks.length > 0) scope.onMacro(IS_INCREMENTAL);
      node.depends_on.macros = [...scope.macros];
      return { method: "static", diagnostics: [] };
    } catch {
      // the renderer reports the problem with its position in the template
      node.refs = before.refs;
      node.sources = before.sources;
      node.config_call_dict = before.config;
      scope.macros.length = 0;
    }
  }
  const before = { refs: [...node.refs], sources: [...node.sources], config: { ...node.config_call_dict } };
  const render = () => {
    const { context, resolveGlobal } = createNodeContext(session, scope);
    session.env.render(node.raw_code, context, { file: node.original_file_path, lineOffset, resolveGlobal });
  };
  try {
    render();
  } catch (e) {
    const diagnostic = renderErrorToDiagnostic(e, node.original_file_path, node.unique_id, () => session.registry.visibleNames(node.package_name));
    if (diagnostic.code !== "TSDBT-E010") return { method: "rendered", diagnostics: [diagnostic] };
    // dbt's parser goes on past a name that is not defined (the node fails when it runs): render
    // again with undefined values tolerated, for the refs, sources and config that come after it
    node.refs = [...before.refs];
    node.sources = [...before.sources];
    node.config_call_dict = { ...before.config };
    scope.macros.length = 0;
    try {
      tolerateUndefined(render);
    } catch {
      // an undefined value used in arithmetic: dbt's parse fails too
      return { method: "rendered", diagnostics: [diagnostic] };
    }
    node.depends_on.macros = [...scope.macros];
    return { method: "rendered", diagnostics: [undefinedAtParse(diagnostic)] };
  }
  node.depends_on.macros = [...scope.macros];
  return { method: "rendered", diagnostics: [] };
}

/** TSDBT-W012: the warning a parse gives where dbt's parse is silent about an undefined name. */
function undefinedAtParse(error: Diagnostic): Diagnostic {
  return {
    ...error,
    code: "TSDBT-W012",
    severity: "warn",
    message: `${error.message.replace(/\.?( \(in [^)]*\))?$/, "")}; the project is parsed as dbt parses it, and the node fails when it is compiled or run${/ \(in [^)]*\)$/.exec(error.message)?.[0] ?? ""}.`,
  };
}
