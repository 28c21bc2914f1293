/** Block tags that open a level closed by `end<name>`. */
const OPENERS = new Set(["if", "for", "macro", "call", "filter", "block", "raw", "test", "materialization", "snapshot", "docs", "with"]);

/** The deepest block nesting of a template: how deep, and where (0-based line and column of that tag). */
export interface DeepestNesting {
  depth: number;
  line0: number;
  col0: number;
}

/**
 * Scans `{% … %}` tags for block nesting without parsing the template (so it works where the
 * parser itself runs out of stack). Returns the first tag at which the depth reaches `limit`, or
 * else the deepest tag. `{% set x %}` blocks (no `=`) count as a level.
 */
export function deepestNesting(source: string, limit = 1000): DeepestNesting {
  const tag = /\{%[-+]?\s*(end)?(\w+)([^%]*)/g;
  let depth = 0;
  let best: DeepestNesting = { depth: 0, line0: 0, col0: 0 };
  let line0 = 0;
  let lineStart = 0;
  let scanned = 0;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    for (let i = source.indexOf("\n", scanned); i >= 0 && i < m.index; i = source.indexOf("\n", i + 1)) {
      line0++;
      lineStart = i + 1;
    }
    scanned = m.index;
    const [, end, name, rest] = m;
    const opens = OPENERS.has(name!) || (name === "set" && !rest!.includes("="));
    if (end && (OPENERS.has(name!) || name === "set")) depth = Math.max(0, depth - 1);
    else if (opens) {
      depth++;
      if (depth > best.depth) best = { depth, line0, col0: m.index - lineStart };
      if (depth >= limit) return best;
    }
  }
  return best;
}
