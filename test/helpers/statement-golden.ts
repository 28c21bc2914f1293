/**
 * Comparing the statements a build sends with what real dbt-core sent for the same project
 * (golden files recorded by test/fixtures/materialization-oracle/record-oracle.mjs). The two
 * tools differ in bookkeeping that does not change the outcome, so both sides are reduced first:
 * - only statements that create, change or fill relations count (create, alter, insert, update,
 *   delete, merge, truncate, comment, grant); catalog queries, `begin`/`commit` and the
 *   `drop … ` of a build's own intermediate or backup relation are left out;
 * - relation names lose their database and schema (each run has its own schema);
 * - tsdbt's `__tsdbt_tmp`/`__tsdbt_backup` and dbt's `__dbt_tmp<time>`/`__dbt_backup` suffixes
 *   read the same, and `create temporary table` reads as `create table` (dbt keeps an incremental
 *   model's new rows in a session temp table, tsdbt in a table beside the target);
 * - whitespace is collapsed (none is kept before a comma), and a trailing `;` dropped.
 */

/** Where the relations of one run live (to strip from names). */
export interface RunNames {
  database: string;
  schema: string;
}

const SIGNIFICANT = /^(create|alter|insert|update|delete|merge|truncate|comment|grant|drop)\b/i;

/** One statement reduced for comparison. */
export function normalizeStatement(sql: string, names: RunNames): string {
  let s = sql;
  for (const prefix of [`"${names.database}"."${names.schema}".`, `"${names.schema}".`, `${names.database}.${names.schema}.`, `${names.schema}.`]) s = s.split(prefix).join("");
  s = s.replace(/__(?:tsdbt|dbt)_(tmp|backup)\d*/g, "__dbt_$1");
  s = s.replace(/\bcreate\s+temporary\s+table\b/gi, "create table");
  s = s.replace(/\s+/g, " ").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")").replace(/\s+,/g, ",");
  return s.replace(/\s*;\s*$/, "").trim();
}

/** The statements of one run that count, reduced (see the file's comment). */
export function significantStatements(statements: readonly string[], names: RunNames): string[] {
  return statements
    .map((sql) => normalizeStatement(sql, names))
    .filter((sql) => SIGNIFICANT.test(sql))
    .filter((sql) => !/^drop (table|view) (if exists )?"?\w+__dbt_(tmp|backup)"?( cascade)?$/i.test(sql));
}

/** A golden file of dbt's statements: per `dbt run`, the SQL of its "On model…" log entries. */
export interface OracleGolden {
  recordedWith: string;
  database: string;
  schema: string;
  /** dbt's exit code of each run (absent: both 0). */
  exitCodes?: number[];
  runs: string[][];
  relations: string[];
  /** Rows of each relation after the second run, ordered by their text. */
  data: Record<string, Record<string, unknown>[]>;
}
