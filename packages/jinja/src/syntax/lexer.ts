import type { Token } from "./parser";
import { decodeStringLiteral } from "./string-literal";
import * as T from "./token-types";

/** Jinja2's number literals: `1_000`, `1.5`, `1e3`, `2.5E-3`, `0x1F`, `0o17`, `0b101`. */
const NUMBER = /0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)?/y;
/** After a `.` (`row.0.1`) only an integer: the digits are an attribute name. */
const DIGITS = /\d+/y;
/** The body of a string literal up to its closing quote (escapes kept), for each quote. */
const STRING_BODY: Record<string, RegExp> = { "'": /(?:[^'\\]|\\[\s\S])*/y, '"': /(?:[^"\\]|\\[\s\S])*/y };
/** Where template text stops: a tag, an expression or a comment opens, or a comment closes. */
const DATA_END = /\{[{%#]|#\}/g;

/** Character classes of code inside `{{ }}` and `{% %}` (nunjucks' whitespace and delimiter sets). */
const WHITESPACE = 1;
const DELIMITER = 2;
const CLASS = new Uint8Array(256);
for (const c of " \n\t\r\xA0") CLASS[c.charCodeAt(0)] = WHITESPACE;
for (const c of "()[]{}%*-+~/#,:|.<>=!") CLASS[c.charCodeAt(0)] = DELIMITER;
/** Two- and three-character operators. */
const COMPOUND = new Set(["==", "===", "!=", "!==", "<=", ">=", "//", "**"]);
const DELIMITER_TYPES: Record<string, string> = {
  "(": T.TOKEN_LEFT_PAREN,
  ")": T.TOKEN_RIGHT_PAREN,
  "[": T.TOKEN_LEFT_BRACKET,
  "]": T.TOKEN_RIGHT_BRACKET,
  "{": T.TOKEN_LEFT_CURLY,
  "}": T.TOKEN_RIGHT_CURLY,
  ",": T.TOKEN_COMMA,
  ":": T.TOKEN_COLON,
  "~": T.TOKEN_TILDE,
  "|": T.TOKEN_PIPE,
};

const token = (type: string, value: string, lineno: number, colno: number): Token => ({ type, value, lineno, colno });

/**
 * The template tokenizer the parser reads: the token stream nunjucks' tokenizer gave (its types,
 * values and 0-based positions, so that syntax errors are located as before), with Jinja2's lexing
 * where the two differ:
 * `}` closes a dict inside an expression while a `{` is open (`{{ {'a': {'b': 1}} }}`), number
 * literals with exponents, underscores and bases, `r/` is a name followed by `/` (nunjucks reads a
 * regex literal), and string literals keep Python's escapes ({@link decodeStringLiteral}).
 *
 * It reads runs of text with regular expressions and `indexOf` rather than a character at a time:
 * a parse checks every macro of every package once per process, while the code is still cold.
 */
export class Tokenizer {
  index = 0;
  lineno = 0;
  colno = 0;
  in_code = false;
  /** Open `{` inside the current tag. */
  curly = 0;
  readonly len: number;
  readonly tags = { BLOCK_START: "{%", BLOCK_END: "%}", VARIABLE_START: "{{", VARIABLE_END: "}}", COMMENT_START: "{#", COMMENT_END: "#}" };
  /** The first newline at or after {@link nextNewlineFrom} (-1: none), to keep line and column without visiting every character. */
  private nextNewline = -1;
  private nextNewlineFrom = -1;

  constructor(readonly str: string) {
    this.len = str.length;
  }

  /**
   * The next token, or null at the end. Positions are those of the token's first character. With
   * `skipWhitespace`, whitespace inside code is passed over instead of being returned as a token (the
   * parser never wants it).
   */
  nextToken(skipWhitespace = false): Token | null {
    const s = this.str;
    let i = this.index;
    if (skipWhitespace && this.in_code) {
      while (i < this.len && s.charCodeAt(i) < 256 && CLASS[s.charCodeAt(i)] === WHITESPACE) i++;
      if (i !== this.index) this.moveTo(i);
    }
    if (i >= this.len) return null;
    const lineno = this.lineno;
    const colno = this.colno;
    if (!this.in_code) return this.textToken(i, lineno, colno);
    const c = s.charCodeAt(i);
    const kind = c < 256 ? CLASS[c] : 0;
    if (c === 125 /* } */ && this.curly > 0) {
      this.moveTo(i + 1);
      this.curly--;
      return token(T.TOKEN_RIGHT_CURLY, "}", lineno, colno);
    }
    if (c >= 48 && c <= 57) return this.numberToken(i, lineno, colno);
    if (c === 114 /* r */ && s.charCodeAt(i + 1) === 47 /* / */) {
      this.moveTo(i + 1);
      return token(T.TOKEN_SYMBOL, "r", lineno, colno);
    }
    if (c === 34 || c === 39) return token(T.TOKEN_STRING, this.stringLiteral(i), lineno, colno);
    if (kind === WHITESPACE) {
      let j = i + 1;
      while (j < this.len && s.charCodeAt(j) < 256 && CLASS[s.charCodeAt(j)] === WHITESPACE) j++;
      this.moveTo(j);
      return token(T.TOKEN_WHITESPACE, s.slice(i, j), lineno, colno);
    }
    const end = this.tagEnd(i);
    if (end !== undefined) {
      this.in_code = false;
      this.curly = 0;
      this.moveTo(i + end.value.length);
      return token(end.type, end.value, lineno, colno);
    }
    if (kind === DELIMITER) return this.delimiterToken(i, lineno, colno);
    let j = i + 1;
    for (let d = s.charCodeAt(j); j < this.len && (d >= 256 || CLASS[d] === 0); d = s.charCodeAt(++j));
    this.moveTo(j);
    const word = s.slice(i, j);
    if (word === "true" || word === "false") return token(T.TOKEN_BOOLEAN, word, lineno, colno);
    if (word === "none" || word === "null") return token(T.TOKEN_NONE, word, lineno, colno);
    return token(T.TOKEN_SYMBOL, word, lineno, colno);
  }

  /** Moves `n` characters on. */
  forwardN(n: number): void {
    this.moveTo(this.index + n);
  }

  /** Template text, a comment, or the `{%`/`{{` that opens code. */
  private textToken(i: number, lineno: number, colno: number): Token {
    const s = this.str;
    if (s.charCodeAt(i) === 123 /* { */) {
      const next = s.charCodeAt(i + 1);
      if (next === 37 /* % */ || next === 123 /* { */) {
        const value = s.slice(i, s.charCodeAt(i + 2) === 45 /* - */ ? i + 3 : i + 2);
        this.in_code = true;
        this.moveTo(i + value.length);
        return token(next === 37 ? T.TOKEN_BLOCK_START : T.TOKEN_VARIABLE_START, value, lineno, colno);
      }
      if (next === 35 /* # */) {
        const close = s.indexOf("#}", i + 2);
        // an unclosed comment runs to the end of the text
        if (close < 0) throw new Error("expected end of comment, got end of file");
        this.moveTo(close + 2);
        return token(T.TOKEN_COMMENT, s.slice(i, close + 2), lineno, colno);
      }
    }
    DATA_END.lastIndex = i;
    const m = DATA_END.exec(s);
    if (m && m[0] === "#}") throw new Error("unexpected end of comment");
    // text that runs to the end leaves the position one past it, as nunjucks' tokenizer does, unless
    // it ends in a `{` or `#` (which that tokenizer stepped over one at a time)
    const last = s.charCodeAt(this.len - 1);
    const stop = m ? m.index : last === 123 || last === 35 ? this.len : this.len + 1;
    this.moveTo(stop);
    return token(T.TOKEN_DATA, s.slice(i, stop), lineno, colno);
  }

  /** `%}`, `-%}`, `}}` or `-}}` at `i`, which end the code. */
  private tagEnd(i: number): { type: string; value: string } | undefined {
    const s = this.str;
    const at = s.charCodeAt(i) === 45 /* - */ ? i + 1 : i;
    const a = s.charCodeAt(at);
    if (s.charCodeAt(at + 1) !== 125 /* } */ || (a !== 37 /* % */ && a !== 125)) return undefined;
    return { type: a === 37 ? T.TOKEN_BLOCK_END : T.TOKEN_VARIABLE_END, value: s.slice(i, at + 2) };
  }

  private delimiterToken(i: number, lineno: number, colno: number): Token {
    const s = this.str;
    let value = s.charAt(i);
    const two = s.slice(i, i + 2);
    if (COMPOUND.has(two)) {
      const three = s.slice(i, i + 3);
      value = COMPOUND.has(three) ? three : two;
    }
    this.moveTo(i + value.length);
    if (value === "{") this.curly++;
    return token(DELIMITER_TYPES[value] ?? T.TOKEN_OPERATOR, value, lineno, colno);
  }

  private numberToken(i: number, lineno: number, colno: number): Token {
    const pattern = this.str.charCodeAt(i - 1) === 46 /* . */ ? DIGITS : NUMBER;
    pattern.lastIndex = i;
    const text = (pattern.exec(this.str) as RegExpExecArray)[0];
    this.moveTo(i + text.length);
    const digits = text.includes("_") ? text.replace(/_/g, "") : text;
    if (/^0[xXoObB]/.test(digits)) {
      return token(T.TOKEN_INT, String(parseInt(digits.slice(2), { x: 16, o: 8, b: 2 }[digits[1].toLowerCase() as "x"])), lineno, colno);
    }
    return token(/[.eE]/.test(digits) ? T.TOKEN_FLOAT : T.TOKEN_INT, digits, lineno, colno);
  }

  /** The string literal opening at `i` (decoded), moving past its closing quote (or one past the end when it has none). */
  private stringLiteral(i: number): string {
    const s = this.str;
    const body = STRING_BODY[s.charAt(i)];
    body.lastIndex = i + 1;
    let end = i + 1 + (body.exec(s) as RegExpExecArray)[0].length;
    // a lone backslash ends an unclosed literal
    if (end < this.len && s.charAt(end) !== s.charAt(i)) end = this.len;
    this.moveTo(end + 1);
    return decodeStringLiteral(s.slice(i + 1, Math.min(end, this.len)));
  }

  /** Moves to `j` (at most one past the end), keeping the 0-based line and column of the position. */
  private moveTo(j: number): void {
    const s = this.str;
    const from = this.index;
    let nl = from === this.nextNewlineFrom ? this.nextNewline : s.indexOf("\n", from);
    if (nl < 0 || nl >= j) {
      this.colno += j - from;
    } else {
      let last = nl;
      let lines = 1;
      for (nl = s.indexOf("\n", nl + 1); nl >= 0 && nl < j; nl = s.indexOf("\n", nl + 1)) (lines++, (last = nl));
      this.lineno += lines;
      this.colno = j - last - 1;
    }
    this.index = j;
    this.nextNewline = nl;
    this.nextNewlineFrom = j;
  }
}

/** A tokenizer over `source`. */
export function tokenize(source: string): Tokenizer {
  return new Tokenizer(source);
}
