import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from "yaml";

/** A key written a second time in one mapping, where the second one starts. */
export interface DuplicateKey {
  /** The key as text. */
  key: string;
  /** 1-based line and column of the repeated key. */
  line: number;
  col: number;
}

const MERGE_KEY = "<<";

/**
 * Every key written again in the same mapping of a parsed document, in document order, as dbt's
 * YAML loader reports them: a mapping whose first key is a merge key (`<<`) is not checked, and
 * keys brought in by a merge count as written before the mapping's own keys. Keys are compared by
 * value and type (`1` and `"1"` differ, as in PyYAML).
 */
export function findDuplicateKeys(doc: Document, position: (offset: number) => { line: number; col: number }): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      checkMapping(node, doc, position, found);
      for (const pair of node.items) {
        visit(pair.key);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(doc.contents);
  return found.sort((a, b) => a.line - b.line || a.col - b.col);
}

function checkMapping(map: YAMLMap, doc: Document, position: (offset: number) => { line: number; col: number }, found: DuplicateKey[]): void {
  const first = map.items[0];
  if (first && isMergeKey(first.key)) return;
  const seen = new Set<string>();
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) for (const merged of mergedMappings(pair.value, doc)) for (const p of merged.items) addKey(seen, p.key);
  }
  for (const pair of map.items) {
    if (!isPair(pair) || isMergeKey(pair.key)) continue;
    const id = keyIdentity(pair.key);
    if (id === undefined) continue;
    if (seen.has(id)) {
      const range = (pair.key as Node).range;
      if (range) found.push({ key: keyText(pair.key), ...position(range[0]) });
    }
    seen.add(id);
  }
}

function addKey(seen: Set<string>, key: unknown): void {
  const id = keyIdentity(key);
  if (id !== undefined) seen.add(id);
}

/** The mappings a merge key's value names (one mapping, or a list of them, usually aliases). */
function mergedMappings(value: unknown, doc: Document): YAMLMap[] {
  const resolve = (v: unknown): unknown => (isAlias(v) ? v.resolve(doc) : v);
  const target = resolve(value);
  if (isMap(target)) return [target];
  if (isSeq(target)) return target.items.map(resolve).filter((m): m is YAMLMap => isMap(m));
  return [];
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || (key.type !== undefined && key.type !== "PLAIN")) return false;
  const v = key.value;
  // the `yaml` package reads a merge key as a symbol
  return v === MERGE_KEY || (typeof v === "symbol" && v.description === MERGE_KEY);
}

function keyIdentity(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  return `${v === null ? "null" : typeof v}:${String(v)}`;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}
