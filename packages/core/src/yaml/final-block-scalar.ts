/** A line opening a block scalar with clip chomping (`key: |`, `- >`, `key: |2  # note`). */
const CLIP_BLOCK_OPENER = /(?:^|:|-)\s*[|>][1-9]?\s*(?:#.*)?$/;

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** True when the text ends inside a block scalar that keeps one final line break (clip chomping). */
function endsInClipBlock(text: string): boolean {
  const lines = text.trimEnd().split(/\r?\n/);
  let innermost = Infinity;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const indent = indentOf(line);
    if (indent < innermost) {
      // the first line less indented than everything after it: the block's opener, or not a block
      if (i < lines.length - 1 && CLIP_BLOCK_OPENER.test(line) && !/^\s*#/.test(line)) return true;
      if (i < lines.length - 1) return false;
    }
    innermost = Math.min(innermost, indent);
  }
  return false;
}

/**
 * dbt reads a YAML file stripped of its trailing blank space, so a block scalar that ends the
 * file (`description: |` of the last column) has no final line break there, where a parser of
 * the whole text (js-yaml, which also ends every text with one) keeps it. When the text ends
 * inside such a scalar, removes that line break from the document's last value, in place.
 */
export function dropFinalLineBreak(value: unknown, text: string): void {
  if (value === null || typeof value !== "object" || !endsInClipBlock(text)) return;
  let parent = value as Record<string, unknown> | unknown[];
  for (;;) {
    const keys = Array.isArray(parent) ? [parent.length - 1] : Object.keys(parent);
    if (keys.length === 0) return;
    const key = keys[keys.length - 1]!;
    const child = (parent as Record<string | number, unknown>)[key];
    if (typeof child === "string") {
      if (child.endsWith("\n")) (parent as Record<string | number, unknown>)[key] = child.slice(0, -1);
      return;
    }
    if (child === null || typeof child !== "object") return;
    parent = child as Record<string, unknown> | unknown[];
  }
}
