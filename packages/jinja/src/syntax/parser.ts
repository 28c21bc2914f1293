import type { Arg, Body, Expr, Signature, Target } from "./ast";
import { tokenize } from "./lexer";
import { ParserBase } from "./parser-base";
import { parseExpressionMethods } from "./parse-expressions";
import { describeToken, tokenTypeName, unclosedBlockMessage, unknownTagMessage, type OpenBlock } from "./syntax-messages";
import * as lexer from "./token-types";

/** A template token (nunjucks' shape: 0-based positions). */
export interface Token {
  type: string;
  value: string;
  lineno: number;
  colno: number;
}

/**
 * The template parser: Jinja2's statement set and expression grammar (see parse-expressions.ts)
 * over the token plumbing and template text handling of {@link ParserBase}.
 */
export class JinjaParser extends ParserBase {
  /** Names mentioned inside each macro being parsed (to know whether it takes varargs/kwargs). */
  nameSinks: Set<string>[] = [];
  loopDepth = 0;
  /** The blocks being parsed, outermost first (for "which block is unclosed" messages). */
  openBlocks: OpenBlock[] = [];
  /** The `{%` of the statement being parsed. */
  tagStart: Token | null = null;

  expect(type: string): Token {
    const tok = this.nextToken();
    if (!tok) return this.fail(`Unexpected end of template, expected ${tokenTypeName(type)}`);
    if (tok.type !== type) this.fail(`Expected ${tokenTypeName(type)}, got ${describeToken(tok)}`, tok.lineno, tok.colno);
    return tok;
  }

  advanceAfterBlockEnd(name?: string): Token {
    if (!name) {
      const tag = this.nextToken();
      if (!tag || tag.type !== lexer.TOKEN_SYMBOL) return this.fail(`Expected a tag name, got ${describeToken(tag)}`);
      name = tag.value;
    }
    const tok = this.nextToken();
    if (!tok) return this.fail(`Unexpected end of template: the '${name}' tag is not closed with '%}'`, this.lastOpen?.lineno, this.lastOpen?.colno);
    if (tok.type !== lexer.TOKEN_BLOCK_END) this.fail(`Expected the end of the '${name}' tag ('%}'), got ${describeToken(tok)}`, tok.lineno, tok.colno);
    if (tok.value.charAt(0) === "-") this.dropLeadingWhitespace = true;
    return tok;
  }

  advanceAfterVariableEnd(): void {
    const tok = this.nextToken();
    if (!tok) this.fail("Unexpected end of template: the expression is not closed with '}}'", this.lastOpen?.lineno, this.lastOpen?.colno);
    if (tok.type !== lexer.TOKEN_VARIABLE_END) this.fail(`Expected the end of the expression ('}}'), got ${describeToken(tok)}`, tok.lineno, tok.colno);
    this.dropLeadingWhitespace = tok.value.charAt(tok.value.length - this.tokens.tags.VARIABLE_END.length - 1) === "-";
  }

  /**
   * Parses a block body up to one of `names`; fails at the block's opening tag when the
   * template ends first.
   */
  parseBody(open: { tag: string; lineno: number; colno: number }, ...names: string[]): Body {
    const block = { ...open, names };
    this.openBlocks.push(block);
    const body = this.parseUntilBlocks(...names);
    this.openBlocks.pop();
    if (!this.peekToken()) this.fail(unclosedBlockMessage(block), open.lineno, open.colno);
    return body;
  }

  /** The block a statement opens, located at its `{%`. */
  private opening(tok: Token, tag = tok.value): { tag: string; lineno: number; colno: number } {
    const at = this.tagStart ?? tok;
    return { tag, lineno: at.lineno, colno: at.colno };
  }

  /** Runs `read` and then rewinds the token stream, for lookahead beyond one token. */
  lookahead<T>(read: () => T): T {
    const self = this as unknown as { tokens: Record<string, unknown>; peeked: unknown };
    const saved = { index: self.tokens.index, lineno: self.tokens.lineno, colno: self.tokens.colno, in_code: self.tokens.in_code, curly: self.tokens.curly };
    const peeked = self.peeked;
    try {
      return read();
    } finally {
      Object.assign(self.tokens, saved);
      self.peeked = peeked;
    }
  }

  static parse(source: string): Body {
    const p = new JinjaParser(tokenize(source));
    return p.parseAsRoot();
  }

  parseStatement(): unknown {
    const tok = this.peekToken();
    if (!tok) return this.fail("Unexpected end of template, expected a tag name after '{%'", this.lastOpen?.lineno, this.lastOpen?.colno);
    if (tok.type !== lexer.TOKEN_SYMBOL) this.fail(`Expected a tag name after '{%', got ${describeToken(tok)}`, tok.lineno, tok.colno);
    this.tagStart = this.lastOpen;
    if (this.breakOnBlocks && this.breakOnBlocks.includes(tok.value)) return null;
    const at = { lineno: tok.lineno, colno: tok.colno };
    switch (tok.value) {
      case "raw":
        return this.parseJRaw();
      case "if":
        return this.parseJIf();
      case "for":
        return this.parseJFor();
      case "set":
        return this.parseJSet();
      case "macro":
        return this.parseJMacro();
      case "call":
        return this.parseJCall();
      case "filter":
        return this.parseJFilterBlock();
      case "with":
        return this.parseJWith();
      case "do": {
        this.nextToken();
        const expr = this.parseTuple();
        this.advanceAfterBlockEnd("do");
        return { typename: "JDo", ...at, expr };
      }
      case "break":
      case "continue":
        this.nextToken();
        if (this.loopDepth === 0) this.fail(`'${tok.value}' is only allowed inside a for loop`, tok.lineno, tok.colno);
        this.advanceAfterBlockEnd(tok.value);
        return { typename: tok.value === "break" ? "JBreak" : "JContinue", ...at };
      case "extends":
      case "include":
      case "import":
      case "from":
      case "block":
        return this.fail(`The '${tok.value}' tag is not supported in dbt templates; use macros instead`, tok.lineno, tok.colno);
      default:
        return this.fail(unknownTagMessage(tok.value, this.openBlocks), tok.lineno, tok.colno);
    }
  }

  /** `{% raw %}…{% endraw %}` up to the first `endraw` (as Jinja2: raw blocks do not nest), with `-` trimming. */
  private parseJRaw(): unknown {
    const start = this.tagStart;
    this.advanceAfterBlockEnd();
    const m = /([\s\S]*?)\{%(-?)\s*endraw\s*(-?)%\}/.exec(this.tokens.str.slice(this.tokens.index));
    if (!m) return this.fail("Missing end of raw directive: '{% raw %}' needs a matching '{% endraw %}'", start?.lineno, start?.colno);
    let text = m[1];
    if (this.dropLeadingWhitespace) text = text.replace(/^\s+/, "");
    if (m[2]) text = text.replace(/\s+$/, "");
    this.tokens.forwardN(m[0].length);
    this.dropLeadingWhitespace = m[3] === "-";
    return { typename: "Output", children: [{ typename: "TemplateData", value: text }] };
  }

  private parseJIf(open?: { tag: string; lineno: number; colno: number }): unknown {
    const tok = this.nextToken() as Token;
    open ??= this.opening(tok);
    const cond = this.parseExpression();
    this.advanceAfterBlockEnd(tok.value);
    const body = this.parseBody(open, "elif", "else", "endif");
    const next = this.peekToken();
    let else_: unknown = null;
    if (next.value === "elif") else_ = { typename: "NodeList", children: [this.parseJIf(open)] };
    else if (next.value === "else") {
      this.nextToken();
      this.advanceAfterBlockEnd("else");
      else_ = this.parseBody(open, "endif");
      this.advanceAfterBlockEnd();
    } else this.advanceAfterBlockEnd();
    return { typename: "JIf", lineno: tok.lineno, colno: tok.colno, cond, body, else_ };
  }

  private parseJFor(): unknown {
    const tok = this.nextToken() as Token;
    const open = this.opening(tok);
    const target = this.parseAssignTarget(["in"]);
    if (!this.skipSymbol("in")) this.fail("expected 'in' after the for loop's target", tok.lineno, tok.colno);
    const iter = this.parseTuple({ withCondexpr: false, endSymbols: ["recursive", "if"] });
    const filter = this.skipSymbol("if") ? this.parseExpression() : undefined;
    if (this.skipSymbol("recursive")) this.fail("recursive for loops are not supported", tok.lineno, tok.colno);
    this.advanceAfterBlockEnd("for");
    this.loopDepth++;
    const body = this.parseBody(open, "endfor", "else");
    this.loopDepth--;
    let else_: Body | null = null;
    if (this.skipSymbol("else")) {
      this.advanceAfterBlockEnd("else");
      else_ = this.parseBody(open, "endfor");
    }
    this.advanceAfterBlockEnd();
    return { typename: "JFor", lineno: tok.lineno, colno: tok.colno, target, iter, filter, body, else_ };
  }

  private parseJSet(): unknown {
    const tok = this.nextToken() as Token;
    const open = this.opening(tok);
    const target = this.parseAssignTarget([], true);
    if (this.skipValue(lexer.TOKEN_OPERATOR, "=")) {
      const value = this.parseTuple();
      this.advanceAfterBlockEnd("set");
      return { typename: "JSet", lineno: tok.lineno, colno: tok.colno, target, value };
    }
    const filters = this.parseFilterChain();
    this.advanceAfterBlockEnd("set");
    const body = this.parseBody(open, "endset");
    this.advanceAfterBlockEnd();
    return { typename: "JSetBlock", lineno: tok.lineno, colno: tok.colno, target, filters, body };
  }

  private parseJMacro(): unknown {
    const tok = this.nextToken() as Token;
    const open = this.opening(tok);
    const nameTok = this.expect(lexer.TOKEN_SYMBOL);
    const { sig, body } = this.parseMacroBody(open, "endmacro", true);
    return { typename: "JMacro", lineno: tok.lineno, colno: tok.colno, name: nameTok.value, sig, body };
  }

  /** Parses `(params) %}body{% end %}` with the name tracking a macro needs. */
  private parseMacroBody(open: { tag: string; lineno: number; colno: number }, end: string, requireParens: boolean): { sig: Signature; body: Body } {
    const params: string[] = [];
    const defaults: Array<Expr | undefined> = [];
    if (this.skip(lexer.TOKEN_LEFT_PAREN)) {
      while (!this.skip(lexer.TOKEN_RIGHT_PAREN)) {
        if (params.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail("expected ',' between macro parameters");
        if (this.skip(lexer.TOKEN_RIGHT_PAREN)) break;
        params.push(this.expect(lexer.TOKEN_SYMBOL).value);
        defaults.push(this.skipValue(lexer.TOKEN_OPERATOR, "=") ? this.parseExpression() : undefined);
      }
    } else if (requireParens) this.fail("expected '(' after the macro name");
    if (end !== "endcall") this.advanceAfterBlockEnd(end);
    const names = new Set<string>();
    this.nameSinks.push(names);
    const depth = this.loopDepth;
    this.loopDepth = 0;
    const body = end === "endcall" ? ({ typename: "NodeList", children: [] } as Body) : this.parseBody(open, end);
    this.loopDepth = depth;
    this.nameSinks.pop();
    if (end !== "endcall") this.skipEndTag();
    return { sig: { params, defaults, catchVarargs: names.has("varargs"), catchKwargs: names.has("kwargs"), catchCaller: names.has("caller") }, body };
  }

  private skipEndTag(): void {
    this.nextToken();
    if (this.peekToken().type === lexer.TOKEN_SYMBOL) this.nextToken();
    this.advanceAfterBlockEnd("end");
  }

  private parseJCall(): unknown {
    const tok = this.nextToken() as Token;
    const open = this.opening(tok);
    const { sig } = this.parseMacroBody(open, "endcall", false);
    const call = this.parseExpression();
    if (call.t !== "Call") this.fail("expected a macro call after 'call'", tok.lineno, tok.colno);
    this.advanceAfterBlockEnd("call");
    const names = new Set<string>();
    this.nameSinks.push(names);
    const depth = this.loopDepth;
    this.loopDepth = 0;
    const body = this.parseBody(open, "endcall");
    this.loopDepth = depth;
    this.nameSinks.pop();
    this.advanceAfterBlockEnd();
    sig.catchVarargs = names.has("varargs");
    sig.catchKwargs = names.has("kwargs");
    sig.catchCaller = names.has("caller");
    return { typename: "JCallBlock", lineno: tok.lineno, colno: tok.colno, call, sig, body };
  }

  private parseJFilterBlock(): unknown {
    const tok = this.nextToken() as Token;
    const open = this.opening(tok);
    const filters = [this.parseOneFilter(), ...this.parseFilterChain()];
    this.advanceAfterBlockEnd("filter");
    const body = this.parseBody(open, "endfilter");
    this.advanceAfterBlockEnd();
    return { typename: "JFilterBlock", lineno: tok.lineno, colno: tok.colno, filters, body };
  }

  private parseJWith(): unknown {
    const tok = this.nextToken() as Token;
    const open = this.opening(tok);
    const assigns: Array<[Target, Expr]> = [];
    while (this.peekToken().type !== lexer.TOKEN_BLOCK_END) {
      if (assigns.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail("expected ',' in with statement");
      const target = this.parseAssignTarget([]);
      if (!this.skipValue(lexer.TOKEN_OPERATOR, "=")) this.fail("expected '=' in with statement");
      assigns.push([target, this.parseExpression()]);
    }
    this.advanceAfterBlockEnd("with");
    const body = this.parseBody(open, "endwith");
    this.advanceAfterBlockEnd();
    return { typename: "JWith", lineno: tok.lineno, colno: tok.colno, assigns, body };
  }

  /** `| f(args) | g` after a block set. */
  parseFilterChain(): Array<{ name: string; args: Arg[]; lineno: number; colno: number }> {
    const out = [];
    while (this.skip(lexer.TOKEN_PIPE)) out.push(this.parseOneFilter());
    return out;
  }

  parseOneFilter(): { name: string; args: Arg[]; lineno: number; colno: number } {
    const tok = this.expect(lexer.TOKEN_SYMBOL);
    const args = this.peekToken().type === lexer.TOKEN_LEFT_PAREN ? this.parseCallArgs() : [];
    return { name: tok.value, args, lineno: tok.lineno, colno: tok.colno };
  }

  /** A name, `name.attr` (namespace assignment when allowed) or a tuple of names. */
  parseAssignTarget(endSymbols: string[], allowAttr = false): Target {
    const tok = this.peekToken();
    const one = (): Target => {
      if (this.skip(lexer.TOKEN_LEFT_PAREN)) {
        const inner = this.parseAssignTarget([]);
        this.expect(lexer.TOKEN_RIGHT_PAREN);
        return inner;
      }
      const name = this.expect(lexer.TOKEN_SYMBOL);
      const node: Target = { t: "Name", name: name.value, lineno: name.lineno, colno: name.colno };
      if (allowAttr && this.skipValue(lexer.TOKEN_OPERATOR, ".")) {
        const attr = this.expect(lexer.TOKEN_SYMBOL);
        return { t: "Attr", obj: node, name: attr.value, lineno: attr.lineno, colno: attr.colno };
      }
      return node;
    };
    const first = one();
    if (this.peekToken().type !== lexer.TOKEN_COMMA) return first;
    const items: Target[] = [first];
    while (this.skip(lexer.TOKEN_COMMA)) {
      const next = this.peekToken();
      if (next.type !== lexer.TOKEN_SYMBOL || endSymbols.includes(next.value)) break;
      items.push(one());
    }
    return { t: "Tuple", items, lineno: tok.lineno, colno: tok.colno };
  }
}

/** Expression-grammar methods, mixed into the parser (kept in their own file). */
export interface JinjaParser {
  parseExpression(): Expr;
  parseTuple(opts?: { withCondexpr?: boolean; endSymbols?: string[] }): Expr;
  parseCallArgs(): Arg[];
}
Object.assign(JinjaParser.prototype, parseExpressionMethods);
