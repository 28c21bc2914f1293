import { JinjaError } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import { CompilerError } from "../context/compiler-error";
import { didYouMean } from "../diagnostics/closest-names";

/**
 * Turns an error thrown while rendering a node into a diagnostic located in the template:
 * the template's own file, line and column, the line as snippet, and a hint.
 */
export function renderErrorToDiagnostic(e: unknown, file: string, nodeId: string | undefined, visibleMacros: () => string[]): Diagnostic {
  if (e instanceof JinjaError) {
    const cause = e.cause;
    const at = { file: e.file || file, line: e.line, col: e.col, snippet: e.snippet, nodeId };
    if (cause instanceof CompilerError) return { code: cause.code, severity: "error", message: withNode(cause.message, nodeId), hint: cause.hint, ...at };
    const undefinedName = /'([A-Za-z_][\w.]*)' is undefined/.exec(e.message)?.[1];
    if (undefinedName) {
      return {
        code: "TSDBT-E010",
        severity: "error",
        message: withNode(`'${undefinedName}' is undefined: no macro or variable has that name.`, nodeId),
        hint: didYouMean(undefinedName, visibleMacros()) ?? "Define the macro in macros/, or install the package that provides it.",
        ...at,
      };
    }
    return { code: e.code, severity: "error", message: withNode(e.message, nodeId), ...at };
  }
  if (e instanceof CompilerError) return { code: e.code, severity: "error", message: withNode(e.message, nodeId), hint: e.hint, file, nodeId };
  return {
    code: "TSDBT-E099",
    severity: "error",
    message: withNode(`Unexpected error while rendering: ${(e as Error)?.message ?? String(e)}`, nodeId),
    hint: "Check the template of the node named here; if it looks right, report this as a tsdbt bug.",
    file,
    nodeId,
  };
}

function withNode(message: string, nodeId: string | undefined): string {
  return nodeId ? `${message.replace(/\.?$/, ".")} (in ${nodeId})`.replace(/\.\. \(/, ". (") : message;
}
