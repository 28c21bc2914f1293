import type { IncrementalSqlInput } from "@tsdbt/adapter-api";
import { quoteIdentifier } from "./snowflake-identifiers";

const TARGET = "DBT_INTERNAL_TARGET";

/**
 * Snowflake's own statements for an incremental strategy, or null (the runner's portable SQL).
 * `microbatch`, as dbt-snowflake writes one batch: the target's rows of the batch window
 * (`incremental_predicates` first, then `event_time >= to_timestamp_tz('start')` and `<
 * to_timestamp_tz('end')`) deleted, then every new row inserted. The window comes from dbt's
 * internal config keys the runner sets for each batch.
 */
export function snowflakeIncrementalStatements(strategy: string, input: IncrementalSqlInput): string[] | null {
  if (strategy !== "microbatch") return null;
  const { config } = input;
  const eventTime = config.event_time;
  const start = config.__dbt_internal_microbatch_event_time_start;
  const end = config.__dbt_internal_microbatch_event_time_end;
  if (typeof eventTime !== "string" || start === undefined || start === null || end === undefined || end === null) return null;
  const predicates = [...input.predicates, `${TARGET}.${eventTime} >= to_timestamp_tz('${String(start)}')`, `${TARGET}.${eventTime} < to_timestamp_tz('${String(end)}')`];
  const columns = input.columns.map(quoteIdentifier).join(", ");
  return [
    `delete from ${input.target} ${TARGET}\nwhere (\n    ${predicates.join("\n    and ")}\n)`,
    `insert into ${input.target} (${columns})\n(\n    select ${columns}\n    from ${input.source}\n)`,
  ];
}
