import type { Diagnostic } from "../diagnostics/diagnostic";
import { readWithSpans, type DuplicateKey, type SpannedYaml } from "./node-spans";
import { isDuplicateKeyError, loadPyYaml } from "./pyyaml-schema";
import { dropFinalLineBreak } from "./final-block-scalar";
import { expandedSize, MAX_EXPANDED_VALUES } from "./expansion-size";

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
   * Keys written twice in one mapping (TSDBT-W003, one warning each, at the repeated key). The
   * value keeps the last one, as dbt's loader does; dbt warns about them in properties files
   * and the root dbt_project.yml, so those callers report these and others ignore them.
   */
  warnings: Diagnostic[];
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
 * Parses YAML text as dbt reads a file (see dropFinalLineBreak); the positions of keys and
 * entries are computed on first request. A syntax
 * error becomes a TSDBT-E001 diagnostic with file:line:col and the offending line as snippet;
 * it is returned, not thrown. `loaded` is the value the fast path would give, read elsewhere (a worker
 * thread): the text is then not parsed again unless a diagnostic needs positions.
 */
export function parseYaml(text: string, file: string, options: { endsFile?: boolean; loaded?: { value: unknown } } = {}): ParsedYaml {
  // fast path: a plain js-yaml load; the same parser runs again recording node positions only
  // when a key is repeated or a diagnostic needs a location. The `yaml` package is loaded only
  // to describe a syntax error.
  let lines: string[] | undefined;
  const lineText = (line: number) => (lines ??= text.split(/\r?\n/))[line - 1] ?? "";
  let value: unknown;
  let spanned: SpannedYaml | undefined;
  let warnings: Diagnostic[] = [];
  try {
    // `loaded`: what loadPyYaml gave for this text elsewhere (yaml-worker-job.ts)
    value = options.loaded ? options.loaded.value : (loadPyYaml(text) ?? null);
  } catch (e) {
    if (!isDuplicateKeyError(e)) return positionedParse(text, file);
    try {
      spanned = readWithSpans(text);
    } catch {
      return positionedParse(text, file);
    }
    value = spanned.value;
    warnings = spanned.duplicateKeys.map((d) => duplicateKeyWarning(d, file, lineText(d.line)));
  }
  const positions = () => (spanned ??= readWithSpans(text));
  // only aliases can make a document much larger than its text
  if (value !== null && typeof value === "object" && text.includes("*")) {
    const expansion = expandedSize(value);
    if (expansion.path) {
      const at = positions().locate(expansion.path, true);
      return {
        file,
        value: null,
        diagnostics: [
          {
            code: "TSDBT-E063",
            severity: "error",
            message: `${file} expands to more than ${MAX_EXPANDED_VALUES.toLocaleString("en-US")} values once its YAML aliases (*name) are resolved, so it is not read.`,
            file,
            ...(at ? { line: at.line, col: at.col, snippet: lineText(at.line) } : {}),
            hint: "An alias repeats its anchor's whole value; nested lists of aliases multiply. Write the values out, or use fewer levels of aliases.",
          },
        ],
        warnings: [],
        locate: () => at,
        locateValue: () => at,
        lineText,
      };
    }
  }
  // `endsFile` false: the text is an excerpt of a file that goes on after it
  if (options.endsFile !== false) dropFinalLineBreak(value, text);
  return {
    file,
    value,
    diagnostics: [],
    warnings,
    locate: (path) => positions().locate(path, false),
    locateValue: (path) => positions().locate(path, true),
    lineText,
  };
}

/** The position-keeping parser (the `yaml` package), loaded on first need. */
function positionedParse(text: string, file: string): ParsedYaml {
  return (require("./positioned-yaml") as typeof import("./positioned-yaml")).parseWithPositions(text, file);
}

/** TSDBT-W003: dbt keeps the last value of a repeated key and warns (DuplicateYAMLKeysDeprecation). */
function duplicateKeyWarning(d: DuplicateKey, file: string, snippet: string): Diagnostic {
  return {
    code: "TSDBT-W003",
    severity: "warn",
    message: `The key '${d.key}' is written twice in the same mapping of ${file}; the last value (line ${d.line}) is used, as dbt does.`,
    file,
    line: d.line,
    col: d.col,
    snippet,
    hint: "Remove or merge one of the two entries: dbt deprecates repeated keys (DuplicateYAMLKeysDeprecation) and a later version will reject them.",
  };
}
