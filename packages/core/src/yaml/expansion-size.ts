import type { YamlPathSegment } from "./parse-yaml";

/**
 * The most values a YAML document may hold once its aliases are expanded. A real properties
 * file holds far fewer; an alias bomb (`b: [*a, *a, …]` nested a few levels) holds billions,
 * and walking it (merging meta, writing manifest.json) would never end.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/**
 * How many values `root` holds with every alias expanded, counting each shared object once per
 * place it appears, without expanding anything (sizes of shared objects are memoised). When the
 * count passes `limit`, also returns the path of a small value that an expansion repeats: the
 * place to look at.
 */
export function expandedSize(root: unknown, limit = MAX_EXPANDED_VALUES): { size: number; path?: YamlPathSegment[] } {
  const sizes = new Map<object, number>();
  const sizeOf = (v: unknown, depth: number): number => {
    if (v === null || typeof v !== "object" || depth > 10_000) return 1;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    sizes.set(v, 1); // a cycle counts once
    let total = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) total += sizeOf(child, depth + 1);
    sizes.set(v, total);
    return total;
  };
  const size = sizeOf(root, 0);
  if (size <= limit) return { size };
  // walk down through the largest child while it alone is still too large
  const path: YamlPathSegment[] = [];
  let node: unknown = root;
  for (;;) {
    const entries: [YamlPathSegment, unknown][] = Array.isArray(node) ? node.map((c, i) => [i, c]) : Object.entries(node as Record<string, unknown>);
    let best: [YamlPathSegment, unknown] | undefined;
    for (const e of entries) if (!best || sizeOf(e[1], 0) > sizeOf(best[1], 0)) best = e;
    if (!best || sizeOf(best[1], 0) <= limit) break;
    path.push(best[0]);
    node = best[1];
  }
  return { size, path };
}
