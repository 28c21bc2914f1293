import type { Capabilities } from "./capabilities";
import type { Column } from "./column";
import type { RelationRef } from "./relation";
import type { SqlDialect } from "./dialect";

/** One target of profiles.yml after rendering, as given to an adapter factory. */
export interface ProfileTarget {
  /** Adapter short name: `duckdb`, `postgres`, `snowflake`, `bigquery`. */
  type: string;
  /** Default schema for the target. */
  schema: string;
  /** Default database, when the engine has databases. */
  database?: string;
  threads?: number;
  /** Every other key of the target, as written (after env_var rendering). */
  [key: string]: unknown;
}

/** Where the adapter runs: paths are resolved against the project directory. */
export interface AdapterContext {
  projectDir: string;
  targetPath: string;
}

/** A query result: column names and plain JavaScript rows. */
export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  /** Rows changed by a DML statement, when the engine says. */
  rowsAffected?: number | null;
  /**
   * The engine's own status line for the statement, when it gives one: PostgreSQL's command tag
   * (`INSERT 0 3`, `CREATE VIEW`, `SELECT 5`), which dbt reports as the statement's response.
   */
  status?: string;
  /**
   * The engine's exact text of each value of a fixed-point column (PostgreSQL `numeric`, DuckDB
   * `DECIMAL`), by column name, one entry per row (null for NULL), where `rows` hold the nearest
   * number: Python's drivers give such values as exact Decimals (`1.50`), which templates see.
   */
  decimalTexts?: Record<string, (string | null)[]>;
}

/** Options of {@link Adapter.execute}. */
export interface ExecuteOptions {
  /** Return rows (default true). */
  fetch?: boolean;
  /** Stop after this many rows (for `show`). */
  limit?: number;
  /** The node this statement belongs to, for logs and cancellation. */
  nodeId?: string;
  /**
   * A tag the engine records with the statement in its query history (the model's `query_tag`
   * config on Snowflake). Engines without query tags ignore it.
   */
  queryTag?: string;
  /**
   * Key/value labels the engine attaches to the job that runs the statement (BigQuery's job
   * labels, from `query-comment: {job-label: true}`), made legal by the engine's label rules.
   * Engines without job labels ignore them.
   */
  jobLabels?: Readonly<Record<string, string>>;
}

/** What a dry run of a statement tells (see {@link Adapter.dryRun}). */
export interface DryRunResult {
  /** The bytes the statement would read (what BigQuery bills on demand), when the engine says. */
  totalBytesProcessed: number | null;
}

/** A warehouse connection as tsdbt uses it. Small on purpose: SQL text goes in, rows come out. */
export interface Adapter {
  readonly type: string;
  readonly dialect: SqlDialect;
  readonly capabilities: Capabilities;
  /** The target's default database (catalog) and schema. */
  readonly defaultDatabase: string | null;
  readonly defaultSchema: string;
  /** Opens the connection(s); safe to call more than once. */
  open(): Promise<void>;
  /**
   * Loads the engine's driver without connecting, for an adapter worker started while a command
   * still parses (an adapter whose driver loads with its module has nothing to do).
   */
  loadDriver?(): void;
  /** Runs one statement. */
  execute(sql: string, options?: ExecuteOptions): Promise<QueryResult>;
  /**
   * Runs `fn` on one connection inside a transaction: committed when it resolves,
   * rolled back when it throws.
   */
  transaction<T>(fn: (tx: Pick<Adapter, "execute">) => Promise<T>): Promise<T>;
  /** Relations in one schema (empty when the schema does not exist). */
  listRelations(database: string | null, schema: string): Promise<RelationRef[]>;
  /**
   * The relations of one schema among `identifiers` (matched as the engine matches names).
   * Optional: a cheaper form of {@link listRelations} for checking a few names; callers fall
   * back to filtering the listing.
   */
  findRelations?(database: string | null, schema: string, identifiers: string[]): Promise<RelationRef[]>;
  /** Columns of a relation in order; empty when it does not exist. */
  getColumns(relation: RelationRef): Promise<Column[]>;
  /**
   * The columns of every table and view of a schema in one query, keyed by relation name as the
   * catalog spells it (each as {@link getColumns} gives them). The adapter worker asks for it
   * once templates have asked for several relations' columns in a schema of modest size.
   */
  getSchemaColumns?(database: string | null, schema: string): Promise<Map<string, Column[]>>;
  /** Schemas of a database. */
  listSchemas(database: string | null): Promise<string[]>;
  /** Cancels every running statement (Ctrl-C). */
  cancel(): Promise<void>;
  close(): Promise<void>;
  /**
   * Loads a CSV file into a new table through the engine's bulk path.
   * `columns` lists names and SQL types in file order.
   */
  loadCsv?(relation: RelationRef, file: string, columns: Column[], options: { delimiter: string; header: boolean }): Promise<number>;
  /**
   * Validates `sql` and tells what running it would cost, without running it (present when
   * `capabilities.dryRun`). Fails with the engine's own message when the SQL is invalid.
   */
  dryRun?(sql: string): Promise<DryRunResult>;
  /**
   * Copies the rows of `sources` into `destination` without a query (present when
   * `capabilities.copyJobs`): `replace` overwrites it (creating it when missing), `append` adds to it.
   */
  copyTables?(sources: RelationRef[], destination: RelationRef, mode: "replace" | "append"): Promise<void>;
}

/** What an adapter package exports. */
export type AdapterFactory = (target: ProfileTarget, context: AdapterContext) => Adapter;
