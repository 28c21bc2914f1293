import * as lexer from "./token-types";
import type { Arg, Expr } from "./ast";
import type { JinjaParser, Token } from "./parser";
import { describeToken } from "./syntax-messages";

interface ExpressionMethods {
  parseExpression(withCondexpr?: boolean): Expr;
  parseCondexpr(): Expr;
  parseOr(): Expr;
  parseAnd(): Expr;
  parseNot(): Expr;
  parseCompare(): Expr;
  parseMath1(): Expr;
  parseConcat(): Expr;
  parseMath2(): Expr;
  parsePow(): Expr;
  parseUnaryExpr(withFilter?: boolean): Expr;
  parsePrimaryExpr(): Expr;
  parsePostfixExpr(node: Expr): Expr;
  parseSubscript(obj: Expr, open: Token): Expr;
  parseFilterExpr(node: Expr): Expr;
}
type P = Omit<JinjaParser, "parseExpression"> & ExpressionMethods;

const COMPARE_OPS = new Set(["==", "!=", "<", ">", "<=", ">="]);
const TUPLE_END = new Set([lexer.TOKEN_BLOCK_END, lexer.TOKEN_VARIABLE_END, lexer.TOKEN_RIGHT_PAREN]);
const TEST_ARG_START = new Set([lexer.TOKEN_SYMBOL, lexer.TOKEN_STRING, lexer.TOKEN_INT, lexer.TOKEN_FLOAT, lexer.TOKEN_BOOLEAN, lexer.TOKEN_NONE, lexer.TOKEN_LEFT_PAREN, lexer.TOKEN_LEFT_BRACKET, lexer.TOKEN_LEFT_CURLY]);
const NOT_TEST_ARG = new Set(["else", "or", "and", "if", "in", "is", "not", "recursive"]);

const at = (t: Token | Expr) => ({ lineno: t.lineno, colno: t.colno });
const isOp = (t: Token | null, v: string) => t !== null && t.type === lexer.TOKEN_OPERATOR && t.value === v;

/** Jinja2's expression grammar, written as methods of {@link JinjaParser}. */
export const parseExpressionMethods = {
  parseExpression(this: P, withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : (this.parseOr() as Expr);
  },

  /** Expressions separated by commas form a tuple (`a, b`), with an optional trailing comma. */
  parseTuple(this: P, opts: { withCondexpr?: boolean; endSymbols?: string[] } = {}): Expr {
    const first = this.peekToken();
    const items: Expr[] = [];
    let sawComma = false;
    for (;;) {
      if (items.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA)) break;
        sawComma = true;
        const next = this.peekToken();
        if (!next || TUPLE_END.has(next.type) || (next.type === lexer.TOKEN_SYMBOL && opts.endSymbols?.includes(next.value))) break;
      }
      items.push(this.parseExpression(opts.withCondexpr !== false));
    }
    if (!sawComma) return items[0];
    return { t: "Tuple", items, ...at(first) };
  },

  parseCondexpr(this: P): Expr {
    let expr = this.parseOr() as Expr;
    while (this.skipSymbol("if")) {
      const cond = this.parseOr() as Expr;
      const else_ = this.skipSymbol("else") ? (this.parseCondexpr() as Expr) : undefined;
      expr = { t: "Cond", cond, then: expr, else_, ...at(expr) };
    }
    return expr;
  },

  parseOr(this: P): Expr {
    let left = this.parseAnd() as Expr;
    while (this.skipSymbol("or")) left = { t: "Or", left, right: this.parseAnd() as Expr, ...at(left) };
    return left;
  },

  parseAnd(this: P): Expr {
    let left = this.parseNot() as Expr;
    while (this.skipSymbol("and")) left = { t: "And", left, right: this.parseNot() as Expr, ...at(left) };
    return left;
  },

  parseNot(this: P): Expr {
    const tok = this.peekToken();
    if (this.skipSymbol("not")) return { t: "Unary", op: "not", value: this.parseNot() as Expr, ...at(tok) };
    return this.parseCompare() as Expr;
  },

  parseCompare(this: P): Expr {
    const first = this.parseMath1() as Expr;
    const ops: Array<[string, Expr]> = [];
    for (;;) {
      const tok = this.nextToken();
      if (tok && tok.type === lexer.TOKEN_OPERATOR && COMPARE_OPS.has(tok.value)) ops.push([tok.value, this.parseMath1() as Expr]);
      else if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === "in") ops.push(["in", this.parseMath1() as Expr]);
      else if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === "not" && this.lookahead(() => this.skipSymbol("in"))) {
        this.nextToken();
        ops.push(["notin", this.parseMath1() as Expr]);
      } else {
        this.pushToken(tok);
        break;
      }
    }
    return ops.length === 0 ? first : { t: "Compare", first, ops, ...at(first) };
  },

  parseMath1(this: P): Expr {
    let left = this.parseConcat() as Expr;
    for (;;) {
      const tok = this.peekToken();
      if (!isOp(tok, "+") && !isOp(tok, "-")) return left;
      this.nextToken();
      left = { t: "Bin", op: tok.value, left, right: this.parseConcat() as Expr, ...at(left) };
    }
  },

  parseConcat(this: P): Expr {
    let left = this.parseMath2() as Expr;
    while (this.skip(lexer.TOKEN_TILDE)) left = { t: "Bin", op: "~", left, right: this.parseMath2() as Expr, ...at(left) };
    return left;
  },

  parseMath2(this: P): Expr {
    let left = this.parsePow() as Expr;
    for (;;) {
      const tok = this.peekToken();
      if (!(isOp(tok, "*") || isOp(tok, "/") || isOp(tok, "//") || isOp(tok, "%"))) return left;
      this.nextToken();
      left = { t: "Bin", op: tok.value, left, right: this.parsePow() as Expr, ...at(left) };
    }
  },

  parsePow(this: P): Expr {
    let left = this.parseUnaryExpr() as Expr;
    while (isOp(this.peekToken(), "**")) {
      this.nextToken();
      left = { t: "Bin", op: "**", left, right: this.parseUnaryExpr() as Expr, ...at(left) };
    }
    return left;
  },

  parseUnaryExpr(this: P, withFilter = true): Expr {
    const tok = this.peekToken();
    let node: Expr;
    if (isOp(tok, "-") || isOp(tok, "+")) {
      this.nextToken();
      node = { t: "Unary", op: tok.value, value: this.parseUnaryExpr(false) as Expr, ...at(tok) };
    } else node = this.parsePostfixExpr(this.parsePrimaryExpr() as Expr) as Expr;
    return withFilter ? (this.parseFilterExpr(node) as Expr) : node;
  },

  parsePrimaryExpr(this: P): Expr {
    const tok = this.nextToken();
    if (!tok) return this.fail("Unexpected end of template, expected an expression");
    switch (tok.type) {
      case lexer.TOKEN_STRING: {
        let value = tok.value;
        while (this.peekToken()?.type === lexer.TOKEN_STRING) value += (this.nextToken() as Token).value;
        return { t: "Lit", value, ...at(tok) };
      }
      case lexer.TOKEN_INT:
        return { t: "Lit", value: parseInt(tok.value, 10), ...at(tok) };
      case lexer.TOKEN_FLOAT:
        return { t: "Lit", value: parseFloat(tok.value), float: true, ...at(tok) };
      case lexer.TOKEN_BOOLEAN:
        return { t: "Lit", value: tok.value === "true", ...at(tok) };
      case lexer.TOKEN_NONE:
        return { t: "Lit", value: null, ...at(tok) };
      case lexer.TOKEN_SYMBOL: {
        if (tok.value === "True" || tok.value === "False") return { t: "Lit", value: tok.value === "True", ...at(tok) };
        if (tok.value === "None") return { t: "Lit", value: null, ...at(tok) };
        for (const sink of this.nameSinks) sink.add(tok.value);
        return { t: "Name", name: tok.value, ...at(tok) };
      }
      case lexer.TOKEN_LEFT_PAREN: {
        if (this.skip(lexer.TOKEN_RIGHT_PAREN)) return { t: "Tuple", items: [], ...at(tok) };
        const inner = this.parseTuple();
        this.expect(lexer.TOKEN_RIGHT_PAREN);
        return inner;
      }
      case lexer.TOKEN_LEFT_BRACKET: {
        const items: Expr[] = [];
        while (!this.skip(lexer.TOKEN_RIGHT_BRACKET)) {
          if (items.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail(`Expected ',' or ']' in the list, got ${describeToken(this.peekToken())}`);
          if (this.skip(lexer.TOKEN_RIGHT_BRACKET)) break;
          items.push(this.parseExpression());
        }
        return { t: "List", items, ...at(tok) };
      }
      case lexer.TOKEN_LEFT_CURLY: {
        const pairs: Array<[Expr, Expr]> = [];
        while (!this.skip(lexer.TOKEN_RIGHT_CURLY)) {
          if (pairs.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail(`Expected ',' or '}' in the dict, got ${describeToken(this.peekToken())}`);
          if (this.skip(lexer.TOKEN_RIGHT_CURLY)) break;
          const key = this.parseExpression();
          if (!this.skip(lexer.TOKEN_COLON)) this.fail(`Expected ':' after a dict key, got ${describeToken(this.peekToken())}`);
          pairs.push([key, this.parseExpression()]);
        }
        return { t: "Dict", pairs, ...at(tok) };
      }
      default:
        return this.fail(`Expected an expression, got ${describeToken(tok)}`, tok.lineno, tok.colno);
    }
  },

  parsePostfixExpr(this: P, node: Expr): Expr {
    for (;;) {
      const tok = this.peekToken();
      if (!tok) return node;
      if (isOp(tok, ".")) {
        this.nextToken();
        const name = this.nextToken();
        if (!name || (name.type !== lexer.TOKEN_SYMBOL && name.type !== lexer.TOKEN_INT)) return this.fail("Expected an attribute name after '.'", tok.lineno, tok.colno);
        node = name.type === lexer.TOKEN_INT
          ? { t: "Item", obj: node, key: { t: "Lit", value: Number(name.value), ...at(name) }, ...at(name) }
          : { t: "Attr", obj: node, name: name.value, ...at(name) };
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        this.nextToken();
        node = this.parseSubscript(node, tok) as Expr;
      } else if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = { t: "Call", fn: node, args: this.parseCallArgs(), ...at(tok) };
      } else return node;
    }
  },

  parseSubscript(this: P, obj: Expr, open: Token): Expr {
    const parts: Array<Expr | undefined> = [undefined];
    let isSlice = false;
    while (!this.skip(lexer.TOKEN_RIGHT_BRACKET)) {
      if (this.skip(lexer.TOKEN_COLON)) {
        isSlice = true;
        parts.push(undefined);
        continue;
      }
      parts[parts.length - 1] = isSlice ? this.parseExpression() : this.parseTuple();
    }
    if (!isSlice) {
      if (!parts[0]) this.fail("Expected a subscript", open.lineno, open.colno);
      return { t: "Item", obj, key: parts[0] as Expr, ...at(open) };
    }
    return { t: "Slice", obj, start: parts[0], stop: parts[1], step: parts[2], ...at(open) };
  },

  /** `( a, k=v, *xs, **kw, )` */
  parseCallArgs(this: P): Arg[] {
    const open = this.expect(lexer.TOKEN_LEFT_PAREN);
    const args: Arg[] = [];
    while (!this.skip(lexer.TOKEN_RIGHT_PAREN)) {
      if (args.length > 0 && !this.skip(lexer.TOKEN_COMMA)) this.fail(`Expected ',' or ')' in the argument list, got ${describeToken(this.peekToken())}`);
      if (this.skip(lexer.TOKEN_RIGHT_PAREN)) break;
      if (this.skipValue(lexer.TOKEN_OPERATOR, "**")) args.push({ kind: "dstar", value: this.parseExpression() });
      else if (this.skipValue(lexer.TOKEN_OPERATOR, "*")) args.push({ kind: "star", value: this.parseExpression() });
      else {
        const tok = this.peekToken();
        const isKeyword = tok.type === lexer.TOKEN_SYMBOL && this.lookahead(() => {
          this.nextToken();
          return isOp(this.nextToken(), "=");
        });
        if (isKeyword) {
          this.nextToken();
          this.nextToken();
          args.push({ kind: "kw", name: tok.value, value: this.parseExpression() });
          continue;
        }
        args.push({ kind: "pos", value: this.parseExpression() });
      }
    }
    return args;
  },

  parseFilterExpr(this: P, node: Expr): Expr {
    for (;;) {
      const tok = this.peekToken();
      if (tok && tok.type === lexer.TOKEN_PIPE) {
        this.nextToken();
        const f = this.parseOneFilter();
        node = { t: "Filter", value: node, name: f.name, args: f.args, lineno: f.lineno, colno: f.colno };
      } else if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === "is") {
        this.nextToken();
        const negate = this.skipSymbol("not");
        const nameTok = this.nextToken() as Token;
        let name = nameTok.value;
        if (nameTok.type === lexer.TOKEN_NONE) name = "none";
        else if (nameTok.type === lexer.TOKEN_BOOLEAN) name = nameTok.value;
        else if (nameTok.type !== lexer.TOKEN_SYMBOL && nameTok.type !== lexer.TOKEN_OPERATOR) this.fail("Expected a test name after 'is'", nameTok.lineno, nameTok.colno);
        let args: Arg[] = [];
        const next = this.peekToken();
        if (next && next.type === lexer.TOKEN_LEFT_PAREN) args = this.parseCallArgs();
        else if (next && TEST_ARG_START.has(next.type) && !(next.type === lexer.TOKEN_SYMBOL && NOT_TEST_ARG.has(next.value))) {
          args = [{ kind: "pos", value: this.parsePostfixExpr(this.parsePrimaryExpr() as Expr) as Expr }];
        }
        node = { t: "Test", value: node, name, args, negate, ...at(nameTok) };
      } else return node;
    }
  },
};
