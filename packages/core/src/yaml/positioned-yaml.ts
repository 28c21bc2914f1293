import { Document, isMap, type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions, type Tags, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ParsedYaml, YamlPathSegment, YamlPosition } from "./parse-yaml";

const BOOL = "tag:yaml.org,2002:bool";
const FLOAT = "tag:yaml.org,2002:float";
/** PyYAML's booleans: YAML 1.1's without the single letters y/n. */
const PYYAML_TRUE = /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const PYYAML_FALSE = /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
/** PyYAML's exponent floats need a dot and a signed exponent (`1.5e+3`; `1e3` is text). */
const PYYAML_EXPONENT_FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*[eE][-+][0-9]+$/;

/** The YAML 1.1 tags adjusted to read scalars as PyYAML does; dates stay text as dbt sees them in most places. */
function pyyamlTags(tags: Tags): Tags {
  const out: Tags = [];
  for (const t of tags) {
    if (typeof t === "string" || !("test" in t) || !t.test) {
      out.push(t);
    } else if (t.tag === "tag:yaml.org,2002:timestamp") {
      continue;
    } else if (t.tag === BOOL) {
      const truthy = t.test.test("true");
      out.push({ ...(t as ScalarTag), test: truthy ? PYYAML_TRUE : PYYAML_FALSE });
    } else if (t.tag === FLOAT && (t as { format?: string }).format === "EXP") {
      out.push({ ...(t as ScalarTag), test: PYYAML_EXPONENT_FLOAT });
    } else {
      out.push(t);
    }
  }
  return out;
}

/** Options PyYAML (and so dbt) effectively uses: YAML 1.1 scalars, merge keys, a repeated key's last value. */
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  prettyErrors: false,
  uniqueKeys: false,
  customTags: pyyamlTags,
};

/**
 * Parses with the `yaml` package, keeping the position of every node. Used to describe a syntax
 * error: its messages and error positions say where a YAML mistake is better than js-yaml's.
 */
export function parseWithPositions(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  let lines: string[] | undefined;
  const lineText = (line: number): string => {
    lines ??= text.split(/\r?\n/);
    return lines[line - 1] ?? "";
  };
  const position = (offset: number): YamlPosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  // the parser often reports one mistake twice at one place: keep the first error at each position
  const seen = new Set<string>();
  const errors = doc.errors.filter((err) => {
    const key = String(err.pos[0]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const diagnostics: Diagnostic[] = errors.map((err) => {
    const at = position(err.pos[0]);
    return {
      code: "TSDBT-E001",
      severity: "error",
      message: `The YAML in ${file} could not be parsed: ${describeYamlError(err.message)}.`,
      file,
      line: at.line,
      col: at.col,
      snippet: lineText(at.line),
      hint: "Check the indentation (spaces, not tabs) and the quoting on this line and the one before it.",
    };
  });
  const value = diagnostics.length > 0 ? null : (doc.toJS({ maxAliasCount: -1 }) as unknown) ?? null;
  return {
    file,
    value,
    diagnostics,
    warnings: [],
    locate: (path) => locateIn(doc, path, false, position),
    locateValue: (path) => locateIn(doc, path, true, position),
    lineText,
  };
}

function describeYamlError(message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "").trim();
  return first.replace(/[.:]$/, "");
}

function locateIn(
  doc: Document,
  path: readonly YamlPathSegment[],
  wantValue: boolean,
  position: (offset: number) => YamlPosition,
): YamlPosition | undefined {
  let node: unknown = doc.contents;
  let best: YamlPosition | undefined = rangeStart(node, position);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyMatches(p.key, segment));
      if (!pair) return best;
      const keyAt = rangeStart(pair.key, position);
      best = last && !wantValue ? keyAt ?? best : rangeStart(pair.value, position) ?? keyAt ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) return best;
      best = rangeStart(item, position) ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

function keyMatches(key: unknown, segment: YamlPathSegment): boolean {
  const k = isScalar(key) ? key.value : key;
  return k === segment || (k !== null && k !== undefined && String(k) === String(segment));
}

function rangeStart(node: unknown, position: (offset: number) => YamlPosition): YamlPosition | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? position(range[0]) : undefined;
}
