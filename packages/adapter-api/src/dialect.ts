import type { Column } from "./column";
import type { DynamicTableDialect } from "./dynamic-tables";
import type { GrantsDialect } from "./grants";
import type { QuotePolicy } from "./relation";

/**
 * What a materialization tells the dialect about the relation it builds: the node's config
 * (`transient`, `copy_grants`, `cluster_by`, `secure`…), for engines whose DDL has options.
 * Dialects without such options ignore it.
 */
export interface DdlOptions {
  /** A session-scoped temporary table. */
  temporary?: boolean;
  /** The node's resolved config. */
  config?: Readonly<Record<string, unknown>>;
  /**
   * The relation's description when `persist_docs.relation` asks for it. Engines that write
   * descriptions in the DDL itself (BigQuery's `options(description=…)`) use it; the others
   * write it after the build with {@link SqlDialect.commentOn}.
   */
  description?: string;
  /**
   * A model contract's typed columns for a (not temporary) table: the table is created with them
   * and filled from {@link TableContract.select} rather than created from the query's own columns.
   * Views and temporary tables ignore it.
   */
  contract?: TableContract;
}

/** What a contracted table is created from (dbt's `get_table_columns_and_constraints`, `get_column_names`, `get_select_subquery`). */
export interface TableContract {
  /** The parenthesised column definitions and model constraints: `(id integer not null, name text, primary key (id))`. */
  columns: string;
  /** The contract's column names in its order, comma-separated (quoted where `quote: true`). */
  names: string;
  /** The model's query under the contract's column list: `select id, name from (…) as model_subq`. */
  select: string;
}

/**
 * A contracted table the way PostgreSQL and DuckDB build it (no column list in `create table … as`):
 * `create [or replace] table … (columns)` then `insert into … (names) (select)`, as one text of two statements.
 */
export function createContractedTable(relation: string, contract: TableContract, replace = false): string {
  return `create ${replace ? "or replace " : ""}table ${relation}\n${contract.columns}\n;\ninsert into ${relation} (\n    ${contract.names}\n)\n(\n${contract.select}\n)`;
}

/**
 * The SQL text that differs between engines. Materializations build statements only
 * through a dialect, so one strategy serves every warehouse.
 */
export interface SqlDialect {
  /** node-sql-parser database name for parsing this engine's SQL. */
  readonly parserDialect: string;
  /** Quotes one identifier part. */
  quote(identifier: string): string;
  /** Renders a string literal. */
  literal(value: string): string;
  /**
   * `create schema if not exists …`. `quoted` says which parts the relation quotes (its quote
   * policy); absent, every part is quoted. Engines that fold unquoted names (Snowflake) need it.
   */
  createSchema(database: string | null, schema: string, quoted?: Partial<QuotePolicy>): string;
  /** `create table … as (select)`. */
  createTableAs(relation: string, sql: string, options?: DdlOptions): string;
  /** `create view … as select`. */
  createViewAs(relation: string, sql: string, options?: DdlOptions): string;
  /** `create or replace table|view … as select` (used only when `capabilities.createOrReplace`). */
  createOrReplaceAs(kind: "table" | "view", relation: string, sql: string, options?: DdlOptions): string;
  /**
   * `create or replace materialized view … as (select)`, with the model's config (refresh,
   * partitioning). Absent: the engine has no materialized views tsdbt can build.
   */
  createMaterializedViewAs?(relation: string, sql: string, options?: DdlOptions): string;
  /** `drop table|view if exists …` (with cascade where the engine needs it). */
  dropRelation(relation: string, type: "table" | "view"): string;
  /**
   * `alter table|view … rename to <identifier>` (the new name is unqualified). `quoted` false:
   * the relation's quote policy leaves its identifier unquoted (absent: quoted).
   */
  renameRelation(relation: string, type: "table" | "view", newIdentifier: string, quoted?: boolean): string;
  /** `comment on …`, or null when unsupported. */
  commentOn(kind: "table" | "view" | "column", target: string, comment: string): string | null;
  /** `alter table … add column …`. */
  addColumn(relation: string, column: Column): string;
  /** `alter table … drop column …`. */
  dropColumn(relation: string, column: string): string;
  /** The MD5 digest of a text expression as lowercase hex text (snapshot ids). Absent: `md5(expr)`. */
  md5Hex?(expression: string): string;
  /** Type of the current timestamp expression. */
  currentTimestamp(): string;
  /** SQL type names for seed columns by inferred kind. */
  typeFor(kind: "integer" | "float" | "boolean" | "date" | "timestamp" | "text"): string;
  /** Wraps a query to return at most `limit` rows. */
  limit(sql: string, limit: number): string;
  /** `alter table … alter column … type …` (on_schema_change: sync_all_columns). */
  alterColumnType(relation: string, column: string, dataType: string): string;
  /**
   * One statement replacing every row of `target` with the rows of `source` (Snowflake's
   * `insert overwrite into`), for the `insert_overwrite` strategy without `partition_by`.
   * Absent: a delete and an insert, in one transaction.
   */
  insertOverwrite?(target: string, source: string, columns: string[]): string;
  /** SQL type for whole numbers beyond the 32-bit range (seed inference). */
  bigintType(): string;
  /**
   * The quote policy relations of this engine have unless the project's `quoting:` says
   * otherwise (dbt's adapter default). Absent: every part quoted. Snowflake: none quoted, so
   * unquoted names fold to upper case as dbt-snowflake's do.
   */
  readonly defaultQuotePolicy?: Readonly<Partial<QuotePolicy>>;
  /**
   * The longest identifier (relation, schema name) the engine keeps, in UTF-8 bytes; longer names are
   * cut or refused by the engine. Absent: no limit tsdbt needs to check. Core refuses, at parse, a
   * relation whose name plus tsdbt's longest working suffix would not fit.
   */
  readonly maxIdentifierBytes?: number;
  /**
   * For engines whose `drop … cascade` drops the views that read a relation (PostgreSQL): how a
   * swap finds those views and recreates them inside its transaction. Absent: views survive a
   * swap by themselves (DuckDB binds views by name) and nothing is done.
   */
  readonly dependentViews?: DependentViewsDialect;
  /** Savepoint statements, where the engine has them inside a transaction. */
  readonly savepoints?: SavepointDialect;
  /**
   * Error codes (SQLSTATE) after which the whole transaction may simply run again, e.g.
   * PostgreSQL's `40P01` deadlock and `40001` serialization failure.
   */
  readonly transientErrorCodes?: readonly string[];
  /**
   * Error codes that are transient only when the message matches, e.g. PostgreSQL's `23505`
   * unique violation on a system catalog index (`pg_type_typname_nsp_index`), which two
   * transactions creating tables at once can hit; run again, the transaction sees the other's
   * committed names and succeeds.
   */
  readonly transientErrorMessages?: Readonly<Record<string, RegExp>>;
  /**
   * The engine's own statements for an incremental strategy (e.g. BigQuery's partition-aware
   * `insert_overwrite`), or null to use the runner's portable SQL. Absent: always the runner's.
   */
  incrementalStatements?(strategy: string, input: IncrementalSqlInput): string[] | null;
  /**
   * Copy jobs instead of statements for an incremental strategy (BigQuery's `insert_overwrite`
   * with `partition_by.copy_partitions`): each partition of the new rows replaces the target's
   * partition by a copy job. Used only when `capabilities.copyJobs`; null (or absent): statements.
   * Throws an `AdapterError` for a combination the engine cannot copy.
   */
  partitionCopies?(strategy: string, config: RelationConfig): PartitionCopyPlan | null;
  /**
   * How the engine reads, grants and revokes privileges on a relation (the `grants` config).
   * Present exactly when `capabilities.grants` is true.
   */
  readonly grants?: GrantsDialect;
  /** Tables that refresh themselves from their query (`materialized: dynamic_table`). Absent: that materialization fails with TSDBT-E401. */
  readonly dynamicTables?: DynamicTableDialect;
  /**
   * Statements that complete a table after it is built (Snowflake's `alter table … resume
   * recluster` for `automatic_clustering`). Absent: none.
   */
  tableFollowUps?(relation: string, options: DdlOptions): string[];
  /**
   * The kind of working relation an incremental run writes its new rows to (`tmp_relation_type`
   * on Snowflake), for `strategy` and `uniqueKey`. Throws an `AdapterError` for a combination the
   * engine refuses. Absent: always a table.
   */
  incrementalWorkingKind?(strategy: string, uniqueKey: readonly string[], config: RelationConfig): "table" | "view";
}

/** A model's config as a dialect reads it (partition_by, cluster_by, labels…). */
export type RelationConfig = Readonly<Record<string, unknown>>;

/** What {@link SqlDialect.incrementalStatements} gets: the new rows are already in `source`. */
export interface IncrementalSqlInput {
  /** Rendered target and source relations. */
  target: string;
  source: string;
  /** Columns to write, as the warehouse names them. */
  columns: string[];
  uniqueKey: string[];
  predicates: string[];
  config: RelationConfig;
}

/** How {@link SqlDialect.partitionCopies} replaces partitions: by copy jobs, one per partition. */
export interface PartitionCopyPlan {
  /** Config the working table is created with, so that it is partitioned as the target is. */
  workingConfig: RelationConfig;
  /** SQL answering one row per partition of `source` (a rendered relation): its id, in the first column. */
  partitionsQuery(source: string): string;
  /** The identifier that names one partition of a table (BigQuery's `orders$20240101`). */
  partitionIdentifier(identifier: string, partitionId: string): string;
}

/** The catalog queries and statements behind {@link SqlDialect.dependentViews}. */
export interface DependentViewsDialect {
  /**
   * SQL answering one row (`name`) per view that reads the relation, directly or through
   * other views. Reads the catalog only and takes no lock on those views.
   */
  listQuery(schema: string, identifier: string): string;
  /**
   * A statement run before a swap whose relation has dependent views, held until commit: it
   * serialises such swaps, so two of them never lock the same views in opposite orders.
   */
  readonly lockStatement: string;
  /**
   * SQL answering one row per dependent view: `oid` (a text key), `schema_name`, `name`,
   * `reads` (the comma-separated keys of the other dependent views it reads) and `ddl` (the
   * `;`-separated statements that recreate it with its options, owner, grants and comments).
   * Must run before the relation is renamed, since definitions print the current names.
   */
  definitionsQuery(schema: string, identifier: string): string;
}

/** Savepoint statements for one name. */
export interface SavepointDialect {
  create(name: string): string;
  release(name: string): string;
  rollbackTo(name: string): string;
}

/** Builds a dialect from overrides on top of ANSI-flavoured defaults with double-quote quoting. */
export function defineDialect(overrides: Partial<SqlDialect> & Pick<SqlDialect, "parserDialect">): SqlDialect {
  const quote = overrides.quote ?? ((id: string) => `"${id.replace(/"/g, '""')}"`);
  const base: SqlDialect = {
    parserDialect: overrides.parserDialect,
    quote,
    literal: (v) => `'${v.replace(/'/g, "''")}'`,
    createSchema: (db, schema) => `create schema if not exists ${db ? `${quote(db)}.` : ""}${quote(schema)}`,
    createTableAs: (rel, sql, o) => (o?.contract && !o.temporary ? createContractedTable(rel, o.contract) : `create ${o?.temporary ? "temporary " : ""}table ${rel} as (\n${sql}\n)`),
    createViewAs: (rel, sql) => `create view ${rel} as (\n${sql}\n)`,
    createOrReplaceAs: (kind, rel, sql, o) => (kind === "table" && o?.contract ? createContractedTable(rel, o.contract, true) : `create or replace ${kind} ${rel} as (\n${sql}\n)`),
    dropRelation: (rel, type) => `drop ${type} if exists ${rel} cascade`,
    renameRelation: (rel, type, id) => `alter ${type} ${rel} rename to ${quote(id)}`,
    commentOn: (kind, target, comment) => `comment on ${kind} ${target} is '${comment.replace(/'/g, "''")}'`,
    addColumn: (rel, c) => `alter table ${rel} add column ${quote(c.name)} ${c.dataType}`,
    dropColumn: (rel, c) => `alter table ${rel} drop column ${quote(c)}`,
    currentTimestamp: () => "current_timestamp",
    typeFor: (k) => ({ integer: "integer", float: "double precision", boolean: "boolean", date: "date", timestamp: "timestamp", text: "text" })[k],
    limit: (sql, n) => `select * from (\n${sql}\n) as tsdbt_limited limit ${n}`,
    alterColumnType: (rel, c, type) => `alter table ${rel} alter column ${quote(c)} type ${type}`,
    bigintType: () => "bigint",
  };
  return { ...base, ...overrides, quote };
}
