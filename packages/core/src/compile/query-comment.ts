/** dbt_project.yml's `query-comment`, rendered for one node (or for statements of no node). */
export interface QueryComment {
  text: string;
  /** After the statement instead of before it. */
  append: boolean;
  /** Labels every statement's job carries as well, where the engine labels jobs (BigQuery). */
  jobLabels?: Readonly<Record<string, string>>;
}

/**
 * `sql` with the comment as a `/* … *\/` block before it (dbt's place) or after it (`append`), so
 * the warehouse's query history names who sent it. A `*\/` inside the comment cannot end it early.
 * Appended as dbt appends it: after the statement without its trailing blanks, and before its
 * final `;` if it has one.
 */
export function withQueryComment(sql: string, comment: QueryComment): string {
  const block = `/* ${comment.text.replace(/\*\//g, "* /")} */`;
  if (!comment.append) return `${block}\n${sql}`;
  const statement = sql.trimEnd();
  return statement.endsWith(";") ? `${statement.slice(0, -1)}\n${block};` : `${statement}\n${block}`;
}
