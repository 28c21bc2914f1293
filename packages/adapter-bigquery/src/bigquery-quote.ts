/** Quotes one name part in backticks; backticks and backslashes inside are escaped with a backslash. */
export function bigqueryQuote(identifier: string): string {
  return `\`${identifier.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
}
