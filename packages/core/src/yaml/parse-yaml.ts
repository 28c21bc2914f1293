import type { Diagnostic } from "../diagnostics/diagnostic";
import { loadPyYaml } from "./pyyaml-schema";

/** A 1-based line and column in a YAML file. */
export interface YamlPosition {
  line: number;
  col: number;
}

/** A step into a YAML value: a mapping key or a sequence index. */
export type YamlPathSegment = string | number;

/** A parsed YAML file: its plain value plus the positions of every key and entry. */
export interface ParsedYaml {
  /** File name as given (relative to the project), used in diagnostics. */
  file: string;
  /** The document as plain JavaScript values (`null` for an empty file or on a syntax error). */
  value: unknown;
  /** Syntax errors (TSDBT-E001); `value` is `null` when there is any. */
  diagnostics: Diagnostic[];
  /**
   * Where the entry at `path` starts: the key of a mapping entry, the item of a sequence
   * entry. Falls back to the closest ancestor found; `undefined` only for an empty document.
   */
  locate(path: readonly YamlPathSegment[]): YamlPosition | undefined;
  /** Where the value at `path` starts (the scalar after the colon, or the nested block). */
  locateValue(path: readonly YamlPathSegment[]): YamlPosition | undefined;
  /** The text of a 1-based line, without its newline (for diagnostic snippets). */
  lineText(line: number): string;
}

/**
 * Parses YAML text; the positions of keys and entries are computed on first request. A syntax
 * error becomes a TSDBT-E001 diagnostic with file:line:col and the offending line as snippet;
 * it is returned, not thrown.
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  // fast path: js-yaml for the values (an order of magnitude faster); the position-keeping
  // parser runs only when a diagnostic needs a location, or to describe a syntax error
  let value: unknown;
  try {
    value = loadPyYaml(text) ?? null;
  } catch {
    return positionedParse(text, file);
  }
  let located: ParsedYaml | undefined;
  const positions = () => (located ??= positionedParse(text, file));
  let lines: string[] | undefined;
  return {
    file,
    value,
    diagnostics: [],
    locate: (path) => positions().locate(path),
    locateValue: (path) => positions().locateValue(path),
    lineText: (line) => (lines ??= text.split(/\r?\n/))[line - 1] ?? "",
  };
}

/** The position-keeping parser (the `yaml` package), loaded on first need. */
function positionedParse(text: string, file: string): ParsedYaml {
  return (require("./positioned-yaml") as typeof import("./positioned-yaml")).parseWithPositions(text, file);
}
