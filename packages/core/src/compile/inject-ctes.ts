/** A CTE to put in front of a query: `__dbt__cte__<name> as (<sql>)`. */
export interface InjectedCte {
  id: string;
  name: string;
  sql: string;
}

/** A CTE as dbt-core writes it into a query and into the manifest's `extra_ctes`: ` name as (\n<sql>\n)`. */
export function cteDefinition(cte: InjectedCte): string {
  return ` ${cte.name} as (\n${cte.sql}\n)`;
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
 * Puts ephemeral models in front of a query as CTEs, spaced exactly as dbt-core writes them: each CTE is
 * ` name as (\n<sql>\n)`, joined by `, `. A query whose first token (after blanks and comments) is `with`
 * (or `with recursive`) gets the CTEs after that keyword and its blanks, then `, `, then its own CTEs;
 * any other query gets `with` and the CTEs in front of its first token, then a space.
 */
export function injectCtes(sql: string, ctes: InjectedCte[]): string {
  if (ctes.length === 0) return sql;
  const defs = ctes.map(cteDefinition).join(", ");
  const start = skipTrivia(sql, 0);
  const withKeyword = /^with\b(\s+recursive\b)?\s*/i.exec(sql.slice(start));
  if (withKeyword) {
    const rest = start + withKeyword[0].length;
    return `${sql.slice(0, rest)}${defs}, ${sql.slice(rest)}`;
  }
  const first = sql.length - sql.trimStart().length;
  return `${sql.slice(0, first)}with${defs} ${sql.slice(first)}`;
}
