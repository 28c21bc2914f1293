import { TemplateError } from "nunjucks/src/lib";
import type { Body } from "./ast";
import type { Tokenizer } from "./lexer";
import type { Token } from "./parser";
import * as T from "./token-types";

/** What {@link ParserBase.parseNodes} leaves to the statement and expression grammar of its subclass (which must have these). */
export interface Grammar {
  /** A statement after `{%`; null when the tag is one of {@link ParserBase.breakOnBlocks} (left unread). */
  parseStatement(): unknown;
  parseExpression(): unknown;
  advanceAfterVariableEnd(): void;
}

/**
 * Token plumbing and template text of the parser: the part of nunjucks' parser that ours used to
 * extend, with the same behaviour (one token of lookahead, whitespace inside code skipped, `-`
 * whitespace control around text, errors as nunjucks' `TemplateError` with 1-based
 * positions), producing plain nodes (`Output`, `TemplateData`, `NodeList`, `Root`) instead of
 * nunjucks' node classes. A parse checks every macro of every package while the code is cold, so
 * every call on the way to a token counts.
 */
export abstract class ParserBase {
  peeked: Token | null = null;
  /** Tag names that end the body being parsed ({@link parseUntilBlocks}). */
  breakOnBlocks: string[] | null = null;
  /** Trim the whitespace at the start of the next text (after `-%}`, `-}}` or `-#}`). */
  dropLeadingWhitespace = false;
  /** The last `{{` or `{%` token read: where an unterminated tag or expression started. */
  lastOpen: Token | null = null;

  constructor(readonly tokens: Tokenizer) {}

  /** The next token other than whitespace, or null at the end. */
  nextToken(): Token | null {
    let tok = this.peeked;
    if (tok) this.peeked = null;
    else tok = this.tokens.nextToken(true);
    return this.opened(tok);
  }

  private opened(tok: Token | null): Token | null {
    if (tok && (tok.type === T.TOKEN_BLOCK_START || tok.type === T.TOKEN_VARIABLE_START)) this.lastOpen = tok;
    return tok;
  }

  /** The next token, left to be read. Typed as a token: callers check for the end where it can be. */
  peekToken(): Token {
    return (this.peeked = this.peeked || this.nextToken()) as Token;
  }

  pushToken(tok: Token | null): void {
    if (this.peeked) throw new Error("pushToken: can only push one token on between reads");
    this.peeked = tok;
  }

  /** A syntax error at 0-based `lineno`/`colno`; without them, at the next token, or at the open tag when the template ended. */
  error(message: string, lineno?: number, colno?: number): Error {
    if (lineno === undefined || colno === undefined) {
      const tok = this.peekToken() ?? this.lastOpen;
      lineno = tok?.lineno;
      colno = tok?.colno;
    }
    return new TemplateError(message, lineno === undefined ? undefined : lineno + 1, colno === undefined ? undefined : colno + 1);
  }

  fail(message: string, lineno?: number, colno?: number): never {
    throw this.error(message, lineno, colno);
  }

  /** Reads the next token if it has `type`. */
  skip(type: string): boolean {
    const tok = this.nextToken();
    if (tok && tok.type === type) return true;
    this.pushToken(tok);
    return false;
  }

  /** Reads the next token if it has `type` and `value`. */
  skipValue(type: string, value: string): boolean {
    const tok = this.nextToken();
    if (tok && tok.type === type && tok.value === value) return true;
    this.pushToken(tok);
    return false;
  }

  skipSymbol(value: string): boolean {
    return this.skipValue(T.TOKEN_SYMBOL, value);
  }

  /** Parses up to a `{% name %}` of `names` (not read). */
  parseUntilBlocks(...names: string[]): Body {
    const outer = this.breakOnBlocks;
    this.breakOnBlocks = names;
    const body = this.parse();
    this.breakOnBlocks = outer;
    return body;
  }

  parse(): Body {
    return { typename: "NodeList", lineno: 0, colno: 0, children: this.parseNodes() } as unknown as Body;
  }

  parseAsRoot(): Body {
    return { typename: "Root", lineno: 0, colno: 0, children: this.parseNodes() } as unknown as Body;
  }

  /** Text, `{{ }}` and statements up to the end or a tag of {@link breakOnBlocks}. */
  parseNodes(): unknown[] {
    const grammar = this as unknown as Grammar;
    const nodes: unknown[] = [];
    for (let tok = this.nextToken(); tok; tok = this.nextToken()) {
      const { lineno, colno } = tok;
      if (tok.type === T.TOKEN_DATA) {
        let data = tok.value;
        const next = this.peekToken();
        if (this.dropLeadingWhitespace) {
          data = data.replace(/^\s*/, "");
          this.dropLeadingWhitespace = false;
        }
        if (next && trimsBefore(next)) data = data.replace(/\s*$/, "");
        nodes.push({ typename: "Output", lineno, colno, children: [{ typename: "TemplateData", lineno, colno, value: data }] });
      } else if (tok.type === T.TOKEN_BLOCK_START) {
        this.dropLeadingWhitespace = false;
        const statement = grammar.parseStatement();
        if (!statement) break;
        nodes.push(statement);
      } else if (tok.type === T.TOKEN_VARIABLE_START) {
        const expression = grammar.parseExpression();
        this.dropLeadingWhitespace = false;
        grammar.advanceAfterVariableEnd();
        nodes.push({ typename: "Output", lineno, colno, children: [expression] });
      } else if (tok.type === T.TOKEN_COMMENT) {
        this.dropLeadingWhitespace = tok.value.charAt(tok.value.length - 3) === "-";
      } else {
        this.fail(`Unexpected token at top-level: ${tok.type}`, lineno, colno);
      }
    }
    return nodes;
  }
}

/** Whether a token opens with `-` whitespace control (`{%-`, `{{-`, `{#-`), which trims the text before it. */
function trimsBefore(tok: Token): boolean {
  return (tok.type === T.TOKEN_BLOCK_START || tok.type === T.TOKEN_VARIABLE_START || tok.type === T.TOKEN_COMMENT) && tok.value.charAt(2) === "-";
}
