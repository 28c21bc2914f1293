import { defineDialect, type DdlOptions, type RelationConfig, type SqlDialect } from "@tsdbt/adapter-api";
import { bigqueryGrants } from "./bigquery-grants";
import { bigqueryQuote } from "./bigquery-quote";
import { bigqueryPartitionCopies } from "./copy-partitions";
import { bigqueryIncrementalStatements } from "./incremental-sql";
import { bigqueryLiteral, optionsClause, tableClauses } from "./table-options";

function withClauses(head: string, clauses: string[], sql: string): string {
  return [head, ...clauses, `as (\n${sql}\n)`].join("\n");
}

/** A table's DDL; with a model contract, its typed columns and constraints follow the name and it is filled from the contract's column list. */
function tableDdl(head: string, options: DdlOptions | undefined, config: RelationConfig | undefined, sql: string): string {
  const clauses = tableClauses(config, "table", options?.description);
  const contract = options?.temporary ? undefined : options?.contract;
  return contract ? withClauses(`${head}\n${contract.columns}`, clauses, contract.select) : withClauses(head, clauses, sql);
}

function viewOptions(config: RelationConfig | undefined, description: string | undefined): string[] {
  const options = optionsClause(config ?? {}, "view", description);
  return options ? [options] : [];
}

/**
 * GoogleSQL as BigQuery takes it: backtick quoting (database = project, schema = dataset),
 * backslash-escaped string literals, `drop table|view` without `cascade`, GoogleSQL type names
 * for seeds (INT64, FLOAT64, BOOL, DATE, DATETIME, STRING), and the model's `partition_by`,
 * `cluster_by` and `options(…)` (description under `persist_docs.relation`, labels, kms_key_name,
 * require_partition_filter, partition_expiration_days, hours_to_expiration) in
 * `create [or replace] table|view`; a model contract's typed columns and constraints after a table's name.
 * Names hold up to 1,024 bytes. Comments are table options, not `COMMENT ON`. `grants` are IAM
 * roles granted with GoogleSQL's `grant`/`revoke`.
 */
export const bigqueryDialect: SqlDialect = defineDialect({
  parserDialect: "bigquery",
  quote: bigqueryQuote,
  literal: bigqueryLiteral,
  createSchema: (database, schema) => `create schema if not exists ${database ? `${bigqueryQuote(database)}.` : ""}${bigqueryQuote(schema)}`,
  createTableAs: (relation, sql, options) =>
    // no temporary tables outside sessions: a table that expires after 12 hours, as dbt-bigquery's
    options?.temporary
      ? tableDdl(`create or replace table ${relation}`, options, { ...options.config, hours_to_expiration: 12 }, sql)
      : tableDdl(`create table ${relation}`, options, options?.config, sql),
  createViewAs: (relation, sql, options) => withClauses(`create view ${relation}`, viewOptions(options?.config, options?.description), sql),
  createOrReplaceAs: (kind, relation, sql, options) =>
    kind === "view"
      ? withClauses(`create or replace view ${relation}`, viewOptions(options?.config, options?.description), sql)
      : tableDdl(`create or replace table ${relation}`, options, options?.config, sql),
  dropRelation: (relation, type) => `drop ${type} if exists ${relation}`,
  renameRelation: (relation, type, newIdentifier) => `alter ${type} ${relation} rename to ${bigqueryQuote(newIdentifier)}`,
  commentOn: () => null,
  addColumn: (relation, column) => `alter table ${relation} add column ${bigqueryQuote(column.name)} ${column.dataType}`,
  dropColumn: (relation, column) => `alter table ${relation} drop column ${bigqueryQuote(column)}`,
  alterColumnType: (relation, column, dataType) => `alter table ${relation} alter column ${bigqueryQuote(column)} set data type ${dataType}`,
  currentTimestamp: () => "current_timestamp()",
  // BigQuery's md5 returns BYTES
  md5Hex: (expression) => `to_hex(md5(${expression}))`,
  typeFor: (kind) => ({ integer: "INT64", float: "FLOAT64", boolean: "BOOL", date: "DATE", timestamp: "DATETIME", text: "STRING" })[kind],
  bigintType: () => "INT64",
  limit: (sql, n) => `select * from (\n${sql}\n) as tsdbt_limited limit ${n}`,
  maxIdentifierBytes: 1024,
  incrementalStatements: bigqueryIncrementalStatements,
  partitionCopies: bigqueryPartitionCopies,
  createMaterializedViewAs: (relation, sql, options) => createMaterializedViewAs(relation, sql, options?.config, options?.description),
  grants: bigqueryGrants(null),
});

/** The BigQuery dialect for a profile whose jobs run in `location` (grants are read in that region). */
export function bigqueryDialectFor(location: string | null): SqlDialect {
  return location ? { ...bigqueryDialect, grants: bigqueryGrants(location) } : bigqueryDialect;
}

/**
 * `create or replace materialized view … [partition by][cluster by][options(enable_refresh,
 * refresh_interval_minutes, max_staleness, labels, kms_key_name…)] as (…)`.
 */
export function createMaterializedViewAs(relation: string, sql: string, config: RelationConfig = {}, description?: string): string {
  return withClauses(`create or replace materialized view ${relation}`, tableClauses(config, "materialized_view", description), sql);
}
