import * as lexer from "nunjucks/src/lexer";
import type { Token } from "./parser";
import { decodeStringLiteral } from "./string-literal";

/** The parts of nunjucks' tokenizer the wrapper below uses. */
interface Tokenizer {
  str: string;
  index: number;
  lineno: number;
  colno: number;
  in_code: boolean;
  /** Open `{` inside the current tag (ours). */
  curly: number;
  nextToken(): Token | null;
  current(): string;
  isFinished(): boolean;
  forwardN(n: number): void;
  forward(): void;
  _parseString(delimiter: string): string;
}

/** Jinja2's number literals: `1_000`, `1.5`, `1e3`, `2.5E-3`, `0x1F`, `0o17`, `0b101`. */
const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d+_)*\d+(?:(?:\.(\d+_)*\d+)?[eE][+-]?(\d+_)*\d+|\.(\d+_)*\d+)?)/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * nunjucks' tokenizer with Jinja2's lexing where they differ: `}}` closes a dict inside an
 * expression while a `{` is open (`{{ {'a': {'b': 1}} }}`), number literals with exponents,
 * underscores and bases, `r/` is a name followed by `/` (nunjucks reads a regex literal), and
 * string literals keep Python's escapes ({@link decodeStringLiteral}).
 */
export function tokenize(source: string): Tokenizer {
  const tokens = lexer.lex(source, {}) as Tokenizer;
  const base = tokens.nextToken;
  tokens.curly = 0;
  tokens._parseString = function (this: Tokenizer, delimiter: string): string {
    this.forward();
    let body = "";
    while (!this.isFinished() && this.current() !== delimiter) {
      if (this.current() === "\\") {
        body += "\\";
        this.forward();
        if (this.isFinished()) break;
      }
      body += this.current();
      this.forward();
    }
    this.forward();
    return decodeStringLiteral(body);
  };
  tokens.nextToken = function (this: Tokenizer): Token | null {
    if (this.in_code && !this.isFinished()) {
      const cur = this.current();
      const at = { lineno: this.lineno, colno: this.colno };
      if (cur === "}" && this.curly > 0) {
        this.forwardN(1);
        this.curly--;
        return { type: lexer.TOKEN_RIGHT_CURLY, value: "}", ...at };
      }
      if (cur >= "0" && cur <= "9") {
        const rest = this.str.slice(this.index, this.index + 400);
        // After a `.` (`row.0.1`) only an integer: the digits are an attribute name.
        const text = (this.str.charAt(this.index - 1) === "." ? (/^\d+/.exec(rest) as RegExpExecArray) : (NUMBER.exec(rest) as RegExpExecArray))[0];
        this.forwardN(text.length);
        const digits = text.replace(/_/g, "");
        if (/^0[xXoObB]/.test(digits)) return { type: lexer.TOKEN_INT, value: String(parseInt(digits.slice(2), { x: 16, o: 8, b: 2 }[digits[1].toLowerCase() as "x"])), ...at };
        return { type: /[.eE]/.test(digits) ? lexer.TOKEN_FLOAT : lexer.TOKEN_INT, value: digits, ...at };
      }
      if (cur === "r" && this.str.charAt(this.index + 1) === "/") {
        this.forwardN(1);
        return { type: lexer.TOKEN_SYMBOL, value: "r", ...at };
      }
    }
    const tok = base.call(this);
    if (tok) {
      if (tok.type === lexer.TOKEN_LEFT_CURLY) this.curly++;
      else if (tok.type === lexer.TOKEN_BLOCK_END || tok.type === lexer.TOKEN_VARIABLE_END) this.curly = 0;
    }
    return tok;
  };
  return tokens;
}
