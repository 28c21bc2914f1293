/** 1-based line and column of a character offset in a text. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** The text of the 1-based line `line`. */
export function lineText(text: string, line: number): string {
  return text.split("\n")[line - 1] ?? "";
}

/**
 * Where a call like `ref('orders')` appears in a template (first match, any quoting),
 * so diagnostics about it can point at the call.
 */
export function findCall(text: string, fn: string, firstArg: string): { line: number; col: number; snippet: string } | undefined {
  const escaped = firstArg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`\\b${fn}\\s*\\(\\s*(['"])(?:[^'"]*\\1\\s*,\\s*\\1)?${escaped}\\1`).exec(text);
  if (!m) return undefined;
  const pos = positionAt(text, m.index);
  return { ...pos, snippet: lineText(text, pos.line) };
}
