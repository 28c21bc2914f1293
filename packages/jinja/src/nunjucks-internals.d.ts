/** Type stubs for the nunjucks internals this package extends (nunjucks ships no types for them). */
declare module "nunjucks/src/lexer" {
  export const TOKEN_STRING: string;
  export const TOKEN_BLOCK_START: string;
  export const TOKEN_BLOCK_END: string;
  export const TOKEN_VARIABLE_START: string;
  export const TOKEN_VARIABLE_END: string;
  export const TOKEN_LEFT_PAREN: string;
  export const TOKEN_RIGHT_PAREN: string;
  export const TOKEN_LEFT_BRACKET: string;
  export const TOKEN_RIGHT_BRACKET: string;
  export const TOKEN_LEFT_CURLY: string;
  export const TOKEN_RIGHT_CURLY: string;
  export const TOKEN_OPERATOR: string;
  export const TOKEN_COMMA: string;
  export const TOKEN_COLON: string;
  export const TOKEN_TILDE: string;
  export const TOKEN_PIPE: string;
  export const TOKEN_INT: string;
  export const TOKEN_FLOAT: string;
  export const TOKEN_BOOLEAN: string;
  export const TOKEN_NONE: string;
  export const TOKEN_SYMBOL: string;
  export function lex(source: string, opts: object): unknown;
}
declare module "nunjucks/src/parser" {
  export const Parser: unknown;
}
declare module "nunjucks/src/compiler" {
  export const Compiler: unknown;
}
declare module "nunjucks/src/lib" {
  /** nunjucks' syntax error: the message is prefixed with its 1-based line and column when given. */
  export const TemplateError: new (message: string, lineno?: number, colno?: number) => Error;
}
