import * as lexer from "./token-types";
import type { Token } from "./parser";

/** How a token type reads in an error message (`')'`, `'}}'`, `a name`). */
const TOKEN_NAMES: Record<string, string> = {
  [lexer.TOKEN_BLOCK_END]: "'%}'",
  [lexer.TOKEN_VARIABLE_END]: "'}}'",
  [lexer.TOKEN_LEFT_PAREN]: "'('",
  [lexer.TOKEN_RIGHT_PAREN]: "')'",
  [lexer.TOKEN_LEFT_BRACKET]: "'['",
  [lexer.TOKEN_RIGHT_BRACKET]: "']'",
  [lexer.TOKEN_LEFT_CURLY]: "'{'",
  [lexer.TOKEN_RIGHT_CURLY]: "'}'",
  [lexer.TOKEN_COMMA]: "','",
  [lexer.TOKEN_COLON]: "':'",
  [lexer.TOKEN_PIPE]: "'|'",
  [lexer.TOKEN_SYMBOL]: "a name",
  [lexer.TOKEN_STRING]: "a string",
  [lexer.TOKEN_INT]: "a number",
  [lexer.TOKEN_FLOAT]: "a number",
};

/** Names a token type for "expected …" messages. */
export function tokenTypeName(type: string): string {
  return TOKEN_NAMES[type] ?? `'${type}'`;
}

/** Quotes what a token actually was, for "… got …" messages (`the end of the template` for none). */
export function describeToken(tok: Token | null | undefined): string {
  if (!tok) return "the end of the template";
  if (tok.type === lexer.TOKEN_BLOCK_END) return "'%}'";
  if (tok.type === lexer.TOKEN_VARIABLE_END) return "'}}'";
  if (tok.type === lexer.TOKEN_STRING) return `the string '${tok.value}'`;
  return `'${tok.value}'`;
}

/** `'endfor' or 'else'`. */
export function tagList(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(" or ");
}

/** A block whose end tag the parser is looking for. */
export interface OpenBlock {
  tag: string;
  names: readonly string[];
  lineno: number;
  colno: number;
}

/** The message for a template that ends inside a block (Jinja2's wording). */
export function unclosedBlockMessage(block: OpenBlock): string {
  return `Unexpected end of template. Jinja was looking for the following tags: ${tagList(block.names)}. The innermost block that needs to be closed is '${block.tag}'.`;
}

/** The message for a tag that is not a statement here (Jinja2's wording, plus a hint for a stray end tag). */
export function unknownTagMessage(name: string, open: readonly OpenBlock[]): string {
  const inner = open[open.length - 1];
  if (!inner) {
    const opener = /^end(\w+)$/.exec(name)?.[1] ?? (name === "else" || name === "elif" ? "if' or 'for" : undefined);
    return opener ? `Encountered unknown tag '${name}'. There is no open '${opener}' block for it to close.` : `Encountered unknown tag '${name}'.`;
  }
  const closing = ` The innermost block that needs to be closed is '${inner.tag}'.`;
  if (open.some((b) => b !== inner && b.names.includes(name))) {
    return `Encountered unknown tag '${name}'. You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${tagList(inner.names)}.${closing}`;
  }
  return `Encountered unknown tag '${name}'. Jinja was looking for the following tags: ${tagList(inner.names)}.${closing}`;
}
