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
 */
export function withQueryComment(sql: string, comment: QueryComment): string {
  const block = `/* ${comment.text.replace(/\*\//g, "* /")} */`;
  return comment.append ? `${sql}\n${block}` : `${block}\n${sql}`;
}
