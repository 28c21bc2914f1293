/** A CTE to put in front of a query: `__dbt__cte__<name> as (<sql>)`. */
export interface InjectedCte {
  id: string;
  name: string;
  sql: string;
}

/** Skips whitespace and SQL comments from `i`; returns the index of the next token. */
function skipTrivia(sql: string, i: number): number {
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i])) i++;
    if (sql.startsWith("--", i)) {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith("/*", i)) {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else return i;
  }
}

/**
 * Puts ephemeral models in front of a query as CTEs, as dbt does: merged into the query's own
 * leading `with` (after `recursive` when present) or as a new `with` clause.
 */
export function injectCtes(sql: string, ctes: InjectedCte[]): string {
  if (ctes.length === 0) return sql;
  const defs = ctes.map((c) => `${c.name} as (\n${c.sql}\n)`).join(", ");
  const start = skipTrivia(sql, 0);
  const m = /^with\b(\s+recursive\b)?/i.exec(sql.slice(start));
  if (m) {
    const after = start + m[0].length;
    return `${sql.slice(0, after)} ${defs}, ${sql.slice(after).replace(/^\s+/, "")}`;
  }
  return `${sql.slice(0, start)}with ${defs}\n${sql.slice(start)}`;
}
