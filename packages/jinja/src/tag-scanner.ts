import { lineLocator } from "./line-locator";

/** A `{% … %}` tag found by {@link scanTemplate}. */
export interface ScannedTag {
  /** The tag's first word (`macro`, `endmacro`, `if`…). */
  name: string;
  /** The text between the delimiters and whitespace-control marks, trimmed. */
  content: string;
  /** Offsets of `{%` and just after `%}`. */
  start: number;
  end: number;
  /** 1-based position of `{%`. */
  line: number;
  col: number;
  /** `-`, `+` or empty: the mark after `{%` and before `%}`. */
  leftControl: string;
  rightControl: string;
}

/** A problem found while scanning (an unterminated tag, comment, string or raw block). */
export interface ScanProblem {
  message: string;
  line: number;
  col: number;
}

/**
 * Lists the statement tags of a template without parsing expressions: comments and
 * `{% raw %}` sections are skipped, and strings inside tags and `{{ }}` are honoured.
 */
export function scanTemplate(source: string): { tags: ScannedTag[]; errors: ScanProblem[] } {
  const tags: ScannedTag[] = [];
  const errors: ScanProblem[] = [];
  const position = lineLocator(source);
  const problem = (offset: number, message: string): void => {
    errors.push({ message, ...position(offset) });
  };

  let i = 0;
  while (i < source.length) {
    const open = source.indexOf("{", i);
    if (open < 0 || open + 1 >= source.length) break;
    const next = source[open + 1];
    if (next === "#") {
      const close = source.indexOf("#}", open + 2);
      if (close < 0) {
        problem(open, "This comment is never closed. Add #} where the comment ends.");
        break;
      }
      i = close + 2;
    } else if (next === "{" || next === "%") {
      const closer = next === "{" ? "}}" : "%}";
      const close = findCloser(source, open + 2, closer);
      if (close.end < 0) {
        problem(close.stringStart ?? open, close.stringStart !== undefined
          ? "This string is never closed. Add the matching quote."
          : `This tag is never closed. Add ${closer} where it ends.`);
        break;
      }
      i = close.end + 2;
      if (next === "%") {
        const tag = makeTag(source, open, close.end, position(open));
        tags.push(tag);
        if (tag.name === "raw") {
          const endRaw = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
          endRaw.lastIndex = i;
          const m = endRaw.exec(source);
          if (!m) {
            problem(open, "The {% raw %} block is never closed. Add {% endraw %} where it ends.");
            break;
          }
          i = m.index + m[0].length;
        }
      }
    } else {
      i = open + 1;
    }
  }
  return { tags, errors };
}

function makeTag(source: string, start: number, closeAt: number, pos: { line: number; col: number }): ScannedTag {
  let inner = source.slice(start + 2, closeAt);
  let leftControl = "";
  let rightControl = "";
  if (inner.startsWith("-") || inner.startsWith("+")) {
    leftControl = inner[0];
    inner = inner.slice(1);
  }
  if (inner.endsWith("-") || inner.endsWith("+")) {
    rightControl = inner[inner.length - 1];
    inner = inner.slice(0, -1);
  }
  const content = inner.trim();
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(content)?.[0] ?? "";
  return { name, content, start, end: closeAt + 2, line: pos.line, col: pos.col, leftControl, rightControl };
}

/** Finds `closer` after `from`, skipping string literals and bracketed expressions. `end` is -1 when not found. */
function findCloser(source: string, from: number, closer: string): { end: number; stringStart?: number } {
  let i = from;
  let depth = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "'" || c === '"') {
      const stringStart = i;
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === "\\" ? 2 : 1;
      if (i >= source.length) return { end: -1, stringStart };
      i++;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (depth > 0 && (c === ")" || c === "]" || c === "}")) depth--;
    else if (depth === 0 && c === closer[0] && source[i + 1] === closer[1]) return { end: i };
    i++;
  }
  return { end: -1 };
}
