/** A token of Python source: what tsdbt needs to read a Python model's `dbt.*` calls. */
export interface PythonToken {
  kind: "name" | "number" | "string" | "op";
  /** The token's text as written (a string with its prefix and quotes). */
  text: string;
  /** 1-based line and column of its first character. */
  line: number;
  col: number;
  /** Offset of its first character in the source. */
  start: number;
}

/** Python source tsdbt cannot read: an unterminated string or bracket. */
export class PythonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_]/u;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
const OPERATORS = ["**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="];
const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/**
 * Splits Python source into names, numbers, strings and operators, skipping comments, blank space
 * and line continuations. Indentation is not tracked: the callers only look at call expressions and
 * `def` headers. Throws {@link PythonSyntaxError} on an unterminated string or an unbalanced bracket.
 */
export function tokenizePython(source: string): PythonToken[] {
  const tokens: PythonToken[] = [];
  const brackets: { close: string; line: number; col: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (start: number) => ({ line, col: start - lineStart + 1, start });
  while (i < source.length) {
    const c = source[i];
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && (source[i + 1] === "\n" || (source[i + 1] === "\r" && source[i + 2] === "\n"))) {
      i += source[i + 1] === "\n" ? 2 : 3;
      line++;
      lineStart = i;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < source.length && NAME_PART.test(source[j])) j++;
      const word = source.slice(i, j);
      if ((source[j] === "'" || source[j] === '"') && STRING_PREFIX.test(word)) {
        const start = i;
        const position = at(start);
        const end = stringEnd(source, j, position);
        const text = source.slice(start, end);
        tokens.push({ kind: "string", text, ...position });
        for (let k = start; k < end; k++) if (source[k] === "\n") (line++, (lineStart = k + 1));
        i = end;
        continue;
      }
      tokens.push({ kind: "name", text: word, ...at(i) });
      i = j;
      continue;
    }
    if (c === "'" || c === '"') {
      const position = at(i);
      const end = stringEnd(source, i, position);
      tokens.push({ kind: "string", text: source.slice(i, end), ...position });
      for (let k = i; k < end; k++) if (source[k] === "\n") (line++, (lineStart = k + 1));
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?[jJ]?)/.exec(source.slice(i, i + 80))!;
      tokens.push({ kind: "number", text: match[0], ...at(i) });
      i += match[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i)) ?? c;
    if (OPENERS[op]) brackets.push({ close: OPENERS[op], ...at(i) });
    else if (op === ")" || op === "]" || op === "}") {
      const open = brackets.pop();
      if (!open || open.close !== op) throw new PythonSyntaxError(open ? `'${op}' does not match the '${Object.keys(OPENERS).find((k) => OPENERS[k] === open.close)}' on line ${open.line}` : `unmatched '${op}'`, line, i - lineStart + 1);
    }
    tokens.push({ kind: "op", text: op, ...at(i) });
    i += op.length;
  }
  const open = brackets.pop();
  if (open) throw new PythonSyntaxError(`'${Object.keys(OPENERS).find((k) => OPENERS[k] === open.close)}' was never closed`, open.line, open.col);
  return tokens;
}

/** The offset just after the string literal whose opening quote is at `quoteAt`. */
function stringEnd(source: string, quoteAt: number, position: { line: number; col: number }): number {
  const quote = source[quoteAt];
  const triple = source.startsWith(quote.repeat(3), quoteAt);
  const closing = triple ? quote.repeat(3) : quote;
  let i = quoteAt + closing.length;
  while (i < source.length) {
    const c = source[i];
    // a backslash keeps the next character in the string, in raw strings too (r"\"" is one quote)
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (!triple && c === "\n") break;
    if (source.startsWith(closing, i)) return i + closing.length;
    i++;
  }
  throw new PythonSyntaxError(triple ? "unterminated triple-quoted string literal" : "unterminated string literal", position.line, position.col);
}
