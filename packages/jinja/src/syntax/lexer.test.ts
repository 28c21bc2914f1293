import * as fs from "node:fs";
import * as path from "node:path";
import * as nunjucksLexer from "nunjucks/src/lexer";
import { tokenize } from "./lexer";
import { decodeStringLiteral } from "./string-literal";
import * as T from "./token-types";

/**
 * The tokenizer must give nunjucks' parser (under ours) exactly the stream it gave before it was
 * rewritten for speed: nunjucks' own tokenizer with the Jinja2 adjustments below. Compared token by
 * token, with the position state after each token (the parser saves and restores it to look ahead)
 * and the error a malformed template throws.
 */
function referenceTokenize(source: string) {
  const tokens = nunjucksLexer.lex(source, {}) as unknown as Record<string, any>;
  const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d+_)*\d+(?:(?:\.(\d+_)*\d+)?[eE][+-]?(\d+_)*\d+|\.(\d+_)*\d+)?)/;
  const base = tokens.nextToken;
  tokens.curly = 0;
  tokens._parseString = function (this: any, delimiter: string): string {
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
  tokens.nextToken = function (this: any) {
    if (this.in_code && !this.isFinished()) {
      const cur = this.current();
      const at = { lineno: this.lineno, colno: this.colno };
      if (cur === "}" && this.curly > 0) {
        this.forwardN(1);
        this.curly--;
        return { type: "right-curly", value: "}", ...at };
      }
      if (cur >= "0" && cur <= "9") {
        const rest = this.str.slice(this.index, this.index + 400);
        const text = (this.str.charAt(this.index - 1) === "." ? /^\d+/.exec(rest) : NUMBER.exec(rest))![0];
        this.forwardN(text.length);
        const digits = text.replace(/_/g, "");
        if (/^0[xXoObB]/.test(digits)) return { type: "int", value: String(parseInt(digits.slice(2), { x: 16, o: 8, b: 2 }[digits[1].toLowerCase() as "x"])), ...at };
        return { type: /[.eE]/.test(digits) ? "float" : "int", value: digits, ...at };
      }
      if (cur === "r" && this.str.charAt(this.index + 1) === "/") {
        this.forwardN(1);
        return { type: "symbol", value: "r", ...at };
      }
    }
    const tok = base.call(this);
    if (tok?.type === "left-curly") this.curly++;
    else if (tok?.type === "block-end" || tok?.type === "variable-end") this.curly = 0;
    return tok;
  };
  return tokens;
}

/** Every token with the tokenizer's state after it, then the end (null) or the error thrown. */
function stream(tokens: { nextToken(): unknown; index: number; lineno: number; colno: number; in_code: boolean; curly: number }): unknown[] {
  const out: unknown[] = [];
  for (let n = 0; n < 100_000; n++) {
    let tok: unknown;
    try {
      tok = tokens.nextToken();
    } catch (e) {
      out.push({ error: (e as Error).message });
      return out;
    }
    out.push({ tok, index: tokens.index, lineno: tokens.lineno, colno: tokens.colno, in_code: tokens.in_code, curly: tokens.curly });
    if (tok === null) return out;
  }
  throw new Error("no end");
}

const expectSameStream = (source: string) => expect({ source, stream: stream(tokenize(source)) }).toEqual({ source, stream: stream(referenceTokenize(source) as never) });

describe("template tokenizer", () => {
  it("uses nunjucks' token type names (its parser compares against them)", () => {
    for (const [name, value] of Object.entries(T)) expect([name, (nunjucksLexer as unknown as Record<string, string>)[name]]).toEqual([name, value]);
  });

  it.each([
    ["text only", "select 1\nfrom t"],
    ["empty", ""],
    ["expression", "{{ a.b[0] ~ 'x' | upper }}"],
    ["trim markers", "a  {%- if x -%}  b {{- y -}} c{%+ endif +%}"],
    ["dict braces close before the expression ends", "{{ {'a': {'b': 1}} }}{{ {'k': 'v'}['k'] }}"],
    ["operators", "{{ a == b != c <= d >= e // f ** g === h !== i < j > k % l + m - n * o / p }}"],
    ["numbers", "{{ 1_000 + 1.5 + 1e3 + 2.5E-3 + 0x1F + 0o17 + 0b101 + row.0.1 + 3.x }}"],
    ["r/ is a name", "{{ r/2 }}{{ r }}"],
    ["strings with escapes", "{{ 'a\\'b' ~ \"c\\\"d\\n\" ~ 'e\\\\' }}"],
    ["unclosed string", "{{ 'abc"],
    ["unclosed string ending in a backslash", "{{ 'abc\\"],
    ["comments", "a{# one #}b{#- two -#}\n{# {{ not code }} #}c"],
    ["unclosed comment", "a {# never closed"],
    ["comment end in text", "a #} b"],
    ["brace and hash in text", "a { b # c {x} #d {{ 1 }} e #"],
    ["comment opener overlapping", "{#}"],
    ["CRLF and tabs", "{% if a %}\r\n\tb\r\n{% endif %}\r\n"],
    ["non-breaking space and unicode", "{{\u00a0a\u00a0}}é{{ ü ~ '€' }}"],
    ["unclosed tag", "{% if a "],
    ["tag ending at the text's end", "{{ a }"],
    ["lone minus at the end", "{{ a -"],
    ["true, false, none, null", "{{ true or false or none or null or True or None }}"],
    ["raw block", "{% raw %}{{ x }}{% endraw %}"],
    ["quotes inside a name", "{{ a'b }}"],
    ["curly left open at the tag end", "{{ {'a': 1 }}x{{ } }}"],
  ])("reads %s as nunjucks' tokenizer with Jinja2's changes does", (_name, source) => expectSameStream(source));

  it("reads every template of the Jinja conformance cases and the built-in macros the same way", () => {
    const fixtures = path.join(__dirname, "..", "__fixtures__");
    const sources: string[] = [];
    for (const file of ["jinja2-conformance-cases.json", "extra-cases.json"]) {
      const { cases } = JSON.parse(fs.readFileSync(path.join(fixtures, file), "utf8")) as { cases: { template?: string }[] };
      for (const c of cases) if (typeof c.template === "string") sources.push(c.template);
    }
    const macros = path.join(__dirname, "..", "..", "..", "core", "include", "macros");
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith(".sql")) sources.push(fs.readFileSync(full, "utf8"));
      }
    };
    walk(macros);
    expect(sources.length).toBeGreaterThan(700);
    const differing = sources.filter((s) => JSON.stringify(stream(tokenize(s))) !== JSON.stringify(stream(referenceTokenize(s) as never)));
    expect(differing).toEqual([]);
  });
});
