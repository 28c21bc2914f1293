import { defineDialect, type DdlOptions, type RelationConfig, type SqlDialect } from "@tsdbt/adapter-api";
import { list, truthy } from "./config-values";
import { snowflakeDynamicTables } from "./snowflake-dynamic-tables";
import { snowflakeError, SnowflakeErrorCode } from "./snowflake-errors";
import { snowflakeGrants } from "./snowflake-grants";
import { snowflakeIncrementalStatements } from "./incremental-sql";
import { quoteIdentifier, renderPart, splitRenderedName } from "./snowflake-identifiers";

/**
 * `create or replace [transient] table … [cluster by (…)] [copy grants] as (…)`: dbt-snowflake's
 * table options from the node config. Tables are transient unless `transient: false` (no
 * fail-safe storage); `cluster_by` also orders the rows as they are written; `copy_grants` keeps
 * the grants of the table being replaced. A session temporary table takes none of them. A model
 * contract's typed columns and constraints follow the name, and the table is filled from the
 * contract's column list (`select id, name from (…) as model_subq`), as dbt-snowflake's.
 */
function createTable(relation: string, sql: string, options: DdlOptions | undefined): string {
  if (options?.temporary) return `create or replace temporary table ${relation} as (\n${sql}\n)`;
  const config = options?.config ?? {};
  const transient = truthy(config.transient, true);
  const clusterBy = list(config.cluster_by);
  const clause = clusterBy.length > 0 ? ` cluster by (${clusterBy.join(", ")})` : "";
  const grants = truthy(config.copy_grants, false) ? " copy grants" : "";
  const query = options?.contract ? options.contract.select : sql;
  const columns = options?.contract ? `\n${options.contract.columns}\n` : "";
  const body = clusterBy.length > 0 ? `select * from (\n${query}\n) order by (${clusterBy.join(", ")})` : query;
  return `create or replace ${transient ? "transient " : ""}table ${relation}${columns}${clause}${grants} as (\n${body}\n)`;
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
  dynamicTables: snowflakeDynamicTables,
  tableFollowUps: (relation, options) =>
    !options.temporary && truthy(options.config?.automatic_clustering, false) && list(options.config?.cluster_by).length > 0 ? [`alter table ${relation} resume recluster`] : [],
  incrementalWorkingKind,
  incrementalStatements: snowflakeIncrementalStatements,
});

/**
 * The working relation of an incremental run, as dbt-snowflake picks it: a view for `merge` and
 * `append` (unless `tmp_relation_type: table`) and for `delete+insert` without `unique_key` (one
 * statement reads it once), a table otherwise, since a `delete` followed by an `insert` must read
 * the same rows twice. A view for `delete+insert` with a `unique_key` is refused (TSDBT-E125).
 */
function incrementalWorkingKind(strategy: string, uniqueKey: readonly string[], config: RelationConfig): "table" | "view" {
  const raw = config.tmp_relation_type;
  const configured = raw === undefined || raw === null ? null : String(raw).toLowerCase();
  if (configured !== null && configured !== "table" && configured !== "view") {
    throw snowflakeError(SnowflakeErrorCode.invalidModelConfig, `tmp_relation_type is '${String(raw)}'; it can be 'table' or 'view'.`, "Set tmp_relation_type to table or view, or leave it out.");
  }
  if (configured === "view" && strategy === "delete+insert" && uniqueKey.length > 0) {
    throw snowflakeError(
      SnowflakeErrorCode.invalidModelConfig,
      "tmp_relation_type 'view' cannot be used with the delete+insert strategy and a unique_key: the delete and the insert would read the view twice.",
      "Use tmp_relation_type: table (the default for delete+insert), or the merge strategy.",
    );
  }
  if (strategy === "merge" || strategy === "append") return configured === "table" ? "table" : "view";
  if (strategy === "delete+insert" && uniqueKey.length === 0) return "view";
  return "table";
}
