import type { Diagnostic, Severity } from "../diagnostics/diagnostic";
import type { ParsedYaml, YamlPathSegment } from "./parse-yaml";

/** What a YAML diagnostic says; the location comes from the path. */
export interface YamlProblem {
  code: string;
  severity?: Severity;
  message: string;
  hint?: string;
}

/**
 * A diagnostic located at the key (or, with `atValue`, the value) of `path` in a parsed
 * YAML file, with that line as snippet. Severity defaults to error.
 */
export function diagnosticAt(parsed: ParsedYaml, path: readonly YamlPathSegment[], problem: YamlProblem, atValue = false): Diagnostic {
  const at = atValue ? parsed.locateValue(path) : parsed.locate(path);
  const d: Diagnostic = { code: problem.code, severity: problem.severity ?? "error", message: problem.message, file: parsed.file };
  if (at) {
    d.line = at.line;
    d.col = at.col;
    d.snippet = parsed.lineText(at.line);
  }
  if (problem.hint) d.hint = problem.hint;
  return d;
}
