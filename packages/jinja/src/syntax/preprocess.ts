/**
 * Rewrites Jinja2 syntax nunjucks' lexer does not know into equivalents of the same length,
 * so line and column numbers stay right: `{%+` and `+%}` (lstrip/trim overrides, no-ops
 * with dbt's settings) become `{% ` and ` %}`.
 */
export function preprocess(source: string): string {
  if (!source.includes("+")) return source;
  return source.replace(/\{%\+/g, "{% ").replace(/\+%\}/g, " %}");
}
