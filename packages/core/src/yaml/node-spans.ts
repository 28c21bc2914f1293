import * as jsyaml from "js-yaml";
import { PYYAML_SCHEMA } from "./pyyaml-schema";
import type { YamlPathSegment, YamlPosition } from "./parse-yaml";
import { lineLocator } from "@tsdbt/jinja";

const MERGE_TAG = "tag:yaml.org,2002:merge";

/** One node js-yaml composed: where it starts in the text, what it produced, and the nodes composed inside it. */
interface NodeSpan {
  /** Offset of the first character of the node (after the separator and blank space before it). */
  start: number;
  /** Offset just after the node. */
  end: number;
  /** js-yaml's kind: "scalar", "mapping", "sequence", or "" for an empty node or an alias. */
  kind: string;
  /** The value produced (a mapping key keeps its own type here: 1 is a number). */
  result: unknown;
  /** The resolved tag (a plain `<<` key carries the merge tag). */
  tag: string | null;
  children: NodeSpan[];
}

/** A key written a second time in one mapping, where the second one starts. */
export interface DuplicateKey {
  /** The key as text. */
  key: string;
  /** 1-based line and column of the repeated key. */
  line: number;
  col: number;
}

/** A mapping entry: its key node and, when written, its value node. */
interface EntrySpan {
  key: NodeSpan;
  value?: NodeSpan;
}

/** A document read by js-yaml with the place of every node: values, locations, repeated keys. */
export interface SpannedYaml {
  /** The plain value, a repeated key keeping its last value as PyYAML does. */
  value: unknown;
  /** Where the entry (or, with `wantValue`, the value) at `path` starts, or the closest ancestor's start. */
  locate(path: readonly YamlPathSegment[], wantValue: boolean): YamlPosition | undefined;
  /** Keys written again in one mapping, in document order (found when first asked for). */
  readonly duplicateKeys: DuplicateKey[];
}

/**
 * Reads YAML with the js-yaml schema every file uses, recording where each node starts through
 * js-yaml's node listener, so locations and repeated keys need no second YAML parser. Throws
 * js-yaml's error on a syntax error. Slower than a plain load: used only when a file has a
 * repeated key or a diagnostic needs a location.
 */
export function readWithSpans(text: string): SpannedYaml {
  const stack: NodeSpan[] = [{ start: 0, end: text.length, kind: "", result: undefined, tag: null, children: [] }];
  // js-yaml's typings leave out the resolved tag the listener's state carries
  const listener = (event: jsyaml.EventType, state: jsyaml.State & { tag?: string | null }) => {
    if (event === "open") {
      stack.push({ start: state.position, end: 0, kind: "", result: undefined, tag: null, children: [] });
      return;
    }
    const span = stack.pop()!;
    const empty = !state.kind && (state.result === null || state.result === undefined);
    // an empty value sits where it would have been written, on its key's line
    const start = empty ? skipSpaces(text, span.start) : skipProperties(text, skipBlank(text, span.start));
    Object.assign(span, { start, end: state.position, kind: state.kind ?? "", result: state.result, tag: state.tag ?? null });
    stack[stack.length - 1].children.push(span);
  };
  const value = jsyaml.load(text, { schema: PYYAML_SCHEMA, json: true, listener }) ?? null;
  const root = stack[0].children[0];
  // the span that composed each mapping and sequence (an alias's span closes later and is not kept)
  const spanOf = new Map<unknown, NodeSpan>();
  const visit = (span: NodeSpan): void => {
    span.children.forEach(visit);
    if ((span.kind === "mapping" || span.kind === "sequence") && !spanOf.has(span.result)) spanOf.set(span.result, span);
  };
  if (root) visit(root);
  const position: (offset: number) => YamlPosition = lineLocator(text);
  const entriesOf = (span: NodeSpan) => mappingEntries(text, span);
  let duplicateKeys: DuplicateKey[] | undefined;
  return {
    value,
    locate: (path, wantValue) => (root ? locateIn(root, path, wantValue, spanOf, entriesOf, position) : undefined),
    // a file read again only to place a warning never needs them
    get duplicateKeys() {
      return (duplicateKeys ??= root ? findRepeatedKeys(spanOf, entriesOf, position) : []);
    },
  };
}

/** Skips spaces, line breaks and comments from `offset` to where a node's content starts. */
function skipBlank(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") i++;
    else if (ch === "#" && (i === 0 || /\s/.test(text[i - 1]))) while (i < text.length && text[i] !== "\n") i++;
    else break;
  }
  return i;
}

/** Skips spaces and tabs. */
function skipSpaces(text: string, offset: number): number {
  let i = offset;
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}

/** Skips a node's anchor (`&name`) and tag (`!tag`) to where its value starts. */
function skipProperties(text: string, offset: number): number {
  let i = offset;
  while (text[i] === "&" || text[i] === "!") {
    while (i < text.length && !/\s/.test(text[i])) i++;
    i = skipBlank(text, i);
  }
  return i;
}

/**
 * The entries of a mapping node from the nodes composed inside it, in order: a node followed
 * by `:` is a key; the next one is its value unless it is itself a key (`a:` with nothing after).
 */
function mappingEntries(text: string, span: NodeSpan): EntrySpan[] {
  const entries: EntrySpan[] = [];
  let open: EntrySpan | undefined;
  for (const child of span.children) {
    if (text[skipSpaces(text, child.end)] === ":") entries.push((open = { key: child }));
    else if (open && !open.value) open.value = child;
    else if (child.kind !== "") entries.push((open = { key: child }));
  }
  return entries;
}

function keyMatches(key: NodeSpan, segment: YamlPathSegment): boolean {
  return key.result !== null && key.result !== undefined && String(key.result) === String(segment);
}

function locateIn(
  root: NodeSpan,
  path: readonly YamlPathSegment[],
  wantValue: boolean,
  spanOf: Map<unknown, NodeSpan>,
  entriesOf: (span: NodeSpan) => EntrySpan[],
  position: (offset: number) => YamlPosition,
): YamlPosition | undefined {
  // the span that composed a collection (a wrapping span can hold the same value); an alias is not followed
  const inner = (span: NodeSpan) => (span.kind === "" ? span : spanOf.get(span.result) ?? span);
  let span: NodeSpan | undefined = inner(root);
  let best = position(span.start);
  for (let i = 0; i < path.length && span; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (span.kind === "mapping") {
      const entry: EntrySpan | undefined = entriesOf(span).find((e) => keyMatches(e.key, segment));
      if (!entry) return best;
      const keyAt = position(entry.key.start);
      best = last && !wantValue ? keyAt : entry.value ? position(entry.value.start) : keyAt;
      span = entry.value && inner(entry.value);
    } else if (span.kind === "sequence" && typeof segment === "number") {
      const item = span.children[segment];
      if (!item) return best;
      best = position(item.start);
      span = inner(item);
    } else {
      return best;
    }
  }
  return best;
}

/**
 * Every key written again in the same mapping, as dbt's YAML loader reports them: a mapping
 * whose first key is a merge key (`<<`) is not checked, keys brought in by a merge count as
 * written before the mapping's own keys, and keys are compared by value and type (`1` and `"1"` differ).
 */
function findRepeatedKeys(spanOf: Map<unknown, NodeSpan>, entriesOf: (span: NodeSpan) => EntrySpan[], position: (offset: number) => YamlPosition): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const identity = (key: NodeSpan) => `${key.result === null ? "null" : typeof key.result}:${String(key.result)}`;
  for (const span of spanOf.values()) {
    if (span.kind !== "mapping") continue;
    const entries = entriesOf(span);
    if (entries[0]?.key.tag === MERGE_TAG) continue;
    const seen = new Set<string>();
    for (const entry of entries) {
      if (entry.key.tag !== MERGE_TAG || !entry.value) continue;
      const merged = Array.isArray(entry.value.result) ? entry.value.result : [entry.value.result];
      for (const mapping of merged) {
        const mergedSpan = spanOf.get(mapping);
        if (mergedSpan?.kind === "mapping") for (const e of entriesOf(mergedSpan)) seen.add(identity(e.key));
      }
    }
    for (const entry of entries) {
      if (entry.key.tag === MERGE_TAG) continue;
      const id = identity(entry.key);
      if (seen.has(id)) found.push({ key: String(entry.key.result), ...position(entry.key.start) });
      seen.add(id);
    }
  }
  return found.sort((a, b) => a.line - b.line || a.col - b.col);
}
