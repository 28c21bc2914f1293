import { scanTemplate } from "../tag-scanner";

/** The end of a `{% raw %}` block, with its whitespace-control marks. */
const RAW_END = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;

/**
 * Rewrites Jinja2 syntax nunjucks' lexer does not know into equivalents of the same length,
 * so line and column numbers stay right: the `+` of `{%+` and `+%}` (lstrip/trim overrides, no-ops
 * with dbt's settings) becomes a blank. Only a statement tag's own marks are rewritten, not the
 * same characters in a string literal (`'{:+%}'`), a comment or the template's text.
 */
export function preprocess(source: string): string {
  if (!source.includes("{%+") && !source.includes("+%}")) return source;
  const chars = source.split("");
  const marks = (start: number, end: number, left: string, right: string): void => {
    if (left === "+") chars[start + 2] = " ";
    if (right === "+") chars[end - 3] = " ";
  };
  for (const tag of scanTemplate(source).tags) {
    marks(tag.start, tag.end, tag.leftControl, tag.rightControl);
    if (tag.name !== "raw") continue;
    RAW_END.lastIndex = tag.end;
    const end = RAW_END.exec(source);
    if (end) marks(end.index, end.index + end[0].length, end[1], end[2]);
  }
  return chars.join("");
}
