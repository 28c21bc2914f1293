import { AdapterError } from "@tsdbt/adapter-api";
import { INVALID_MODEL_CONFIG, partitionExpression, readPartitionBy } from "./partition-by";

/** BigQuery string literal: single quotes, backslash escapes. */
export function bigqueryLiteral(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r")}'`;
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((s) => s.trim() !== "");
}

/** `cluster by a, b` (at most four columns, as BigQuery allows), or null. */
export function clusterByClause(config: Readonly<Record<string, unknown>>): string | null {
  const columns = list(config.cluster_by);
  if (columns.length === 0) return null;
  if (columns.length > 4) {
    throw new AdapterError(INVALID_MODEL_CONFIG, `cluster_by names ${columns.length} columns; BigQuery clusters on at most 4.`, "Keep the four columns you filter on most.");
  }
  return `cluster by ${columns.join(", ")}`;
}

/** `partition by …`, or null. */
export function partitionByClause(config: Readonly<Record<string, unknown>>): string | null {
  const partition = readPartitionBy(config.partition_by);
  return partition ? `partition by ${partitionExpression(partition)}` : null;
}

/**
 * The `options(…)` of a table or view from its config: `description` (persist_docs), `labels`
 * (a mapping), `kms_key_name`, `hours_to_expiration`, and for tables `require_partition_filter`
 * and `partition_expiration_days`; null when there are none. Values are written as BigQuery
 * literals, in a fixed order.
 */
export function optionsClause(config: Readonly<Record<string, unknown>>, kind: "table" | "view" | "materialized_view", description?: string | null): string | null {
  const options: string[] = [];
  if (description) options.push(`description=${bigqueryLiteral(description)}`);
  const hours = config.hours_to_expiration;
  if (hours !== undefined && hours !== null) options.push(`expiration_timestamp=timestamp_add(current_timestamp(), interval ${Number(hours)} hour)`);
  const labels = config.labels;
  if (labels && typeof labels === "object" && !Array.isArray(labels) && Object.keys(labels).length > 0) {
    const pairs = Object.entries(labels as Record<string, unknown>).map(([k, v]) => `(${bigqueryLiteral(k)}, ${bigqueryLiteral(String(v))})`);
    options.push(`labels=[${pairs.join(", ")}]`);
  }
  if (kind !== "view") {
    if (typeof config.kms_key_name === "string" && config.kms_key_name) options.push(`kms_key_name=${bigqueryLiteral(config.kms_key_name)}`);
    if (kind === "table" && config.require_partition_filter === true) options.push("require_partition_filter=true");
    if (kind === "table" && config.partition_expiration_days !== undefined && config.partition_expiration_days !== null) {
      options.push(`partition_expiration_days=${Number(config.partition_expiration_days)}`);
    }
  }
  if (kind === "materialized_view") {
    if (typeof config.enable_refresh === "boolean") options.push(`enable_refresh=${config.enable_refresh}`);
    if (config.refresh_interval_minutes !== undefined && config.refresh_interval_minutes !== null) options.push(`refresh_interval_minutes=${Number(config.refresh_interval_minutes)}`);
    if (typeof config.max_staleness === "string" && config.max_staleness) options.push(`max_staleness=${config.max_staleness}`);
  }
  return options.length ? `options(${options.join(", ")})` : null;
}

/** The clauses between a table's name and `as (…)`, one per line; `description` goes in its options. */
export function tableClauses(config: Readonly<Record<string, unknown>> | undefined, kind: "table" | "materialized_view", description?: string): string[] {
  if (!config) return description ? [optionsClause({}, kind, description)!] : [];
  return [partitionByClause(config), clusterByClause(config), optionsClause(config, kind, description)].filter((c): c is string => c !== null);
}
