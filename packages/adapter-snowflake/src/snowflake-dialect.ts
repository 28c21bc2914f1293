import { defineDialect, type DdlOptions, type SqlDialect } from "@tsdbt/adapter-api";
import { list, truthy } from "./config-values";
import { snowflakeGrants } from "./snowflake-grants";
import { quoteIdentifier, renderPart, splitRenderedName } from "./snowflake-identifiers";

/**
 * `create or replace [transient] table … [cluster by (…)] [copy grants] as (…)`: dbt-snowflake's
 * table options from the node config. Tables are transient unless `transient: false` (no
 * fail-safe storage); `cluster_by` also orders the rows as they are written; `copy_grants` keeps
 * the grants of the table being replaced. A session temporary table takes none of them.
 */
function createTable(relation: string, sql: string, options: DdlOptions | undefined): string {
  if (options?.temporary) return `create or replace temporary table ${relation} as (\n${sql}\n)`;
  const config = options?.config ?? {};
  const transient = truthy(config.transient, true);
  const clusterBy = list(config.cluster_by);
  const clause = clusterBy.length > 0 ? ` cluster by (${clusterBy.join(", ")})` : "";
  const grants = truthy(config.copy_grants, false) ? " copy grants" : "";
  const body = clusterBy.length > 0 ? `select * from (\n${sql}\n) order by (${clusterBy.join(", ")})` : sql;
  return `create or replace ${transient ? "transient " : ""}table ${relation}${clause}${grants} as (\n${body}\n)`;
}

/** `create or replace [secure] view … [copy grants] as (…)`, from `secure` and `copy_grants`. */
function createView(relation: string, sql: string, options: DdlOptions | undefined): string {
  const config = options?.config ?? {};
  const secure = truthy(config.secure, false) ? "secure " : "";
  const grants = truthy(config.copy_grants, false) ? " copy grants" : "";
  return `create or replace ${secure}view ${relation}${grants} as (\n${sql}\n)`;
}

/**
 * Snowflake's SQL dialect. Identifiers are double-quoted (case kept); relations leave every
 * part unquoted by default, as dbt-snowflake's quoting does, so names fold to upper case.
 * String literals escape backslashes as well as quotes. Tables and views are built with
 * `create or replace`, which Snowflake swaps in atomically; `insert overwrite` replaces a
 * table's rows in one statement. Identifiers hold 255 characters.
 */
export const snowflakeDialect: SqlDialect = defineDialect({
  parserDialect: "snowflake",
  quote: quoteIdentifier,
  defaultQuotePolicy: { database: false, schema: false, identifier: false },
  literal: (value) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`,
  createSchema: (database, schema, quoted) =>
    `create schema if not exists ${database ? `${renderPart(database, quoted?.database ?? true)}.` : ""}${renderPart(schema, quoted?.schema ?? true)}`,
  createTableAs: createTable,
  createViewAs: createView,
  createOrReplaceAs: (kind, relation, sql, options) => (kind === "view" ? createView(relation, sql, options) : createTable(relation, sql, options)),
  // Snowflake moves an unqualified new name into the session's schema: qualify it like the old one.
  renameRelation: (relation, type, newIdentifier, quoted) => {
    const parts = splitRenderedName(relation);
    const prefix = parts.slice(0, -1).join(".");
    const target = renderPart(newIdentifier, quoted ?? true);
    return `alter ${type} ${relation} rename to ${prefix ? `${prefix}.` : ""}${target}`;
  },
  commentOn: (kind, target, comment) => `comment on ${kind} ${target} is '${comment.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`,
  currentTimestamp: () => "current_timestamp()",
  typeFor: (kind) => ({ integer: "integer", float: "float", boolean: "boolean", date: "date", timestamp: "timestamp_ntz", text: "varchar" })[kind],
  alterColumnType: (relation, column, dataType) => `alter table ${relation} alter column ${quoteIdentifier(column)} set data type ${dataType}`,
  insertOverwrite: (target, source, columns) => `insert overwrite into ${target} (${columns.join(", ")})\nselect ${columns.join(", ")} from ${source}`,
  bigintType: () => "bigint",
  maxIdentifierBytes: 255,
  grants: snowflakeGrants,
});
