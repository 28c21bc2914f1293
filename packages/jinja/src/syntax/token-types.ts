/**
 * The token types of the template tokenizer: nunjucks' own names (its parser, which ours extends,
 * compares tokens against them). Plain constants, so reading one in the parser's hot loops is a
 * property load, not a getter call through an `import * as` namespace of a CommonJS module.
 */
export const TOKEN_STRING = "string";
export const TOKEN_WHITESPACE = "whitespace";
export const TOKEN_DATA = "data";
export const TOKEN_BLOCK_START = "block-start";
export const TOKEN_BLOCK_END = "block-end";
export const TOKEN_VARIABLE_START = "variable-start";
export const TOKEN_VARIABLE_END = "variable-end";
export const TOKEN_COMMENT = "comment";
export const TOKEN_LEFT_PAREN = "left-paren";
export const TOKEN_RIGHT_PAREN = "right-paren";
export const TOKEN_LEFT_BRACKET = "left-bracket";
export const TOKEN_RIGHT_BRACKET = "right-bracket";
export const TOKEN_LEFT_CURLY = "left-curly";
export const TOKEN_RIGHT_CURLY = "right-curly";
export const TOKEN_OPERATOR = "operator";
export const TOKEN_COMMA = "comma";
export const TOKEN_COLON = "colon";
export const TOKEN_TILDE = "tilde";
export const TOKEN_PIPE = "pipe";
export const TOKEN_INT = "int";
export const TOKEN_FLOAT = "float";
export const TOKEN_BOOLEAN = "boolean";
export const TOKEN_NONE = "none";
export const TOKEN_SYMBOL = "symbol";
