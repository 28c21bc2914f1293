import { Relation, type Adapter } from "@tsdbt/adapter-api";
import type { SourceDefinition } from "@tsdbt/core";
import { describeError, RunnerError } from "../runner-error";
import { criteriaOf, FreshnessErrorCode, freshnessStatus, type FreshnessCriteria } from "./freshness-criteria";

/** One entry of sources.json (v3): a checked source, or one whose check failed to run. */
export type FreshnessResult =
  | {
      unique_id: string;
      max_loaded_at: string;
      snapshotted_at: string;
      max_loaded_at_time_ago_in_s: number;
      status: "pass" | "warn" | "error";
      criteria: FreshnessCriteria;
      adapter_response: Record<string, unknown>;
      timing: { name: string; started_at: string; completed_at: string }[];
      thread_id: string;
      execution_time: number;
    }
  | { unique_id: string; error: string; status: "runtime error" };

/** The query reading a source's newest load time and the warehouse's current time. */
export function freshnessQuery(adapter: Adapter, relation: string, loadedAtField: string, filter: string | null): string {
  const ts = adapter.dialect.typeFor("timestamp");
  return [
    `select cast(max(${loadedAtField}) as ${ts}) as max_loaded_at,`,
    // now in UTC, as max_loaded_at without a zone is read (dbt does the same); not the session's zone
    `  cast(${adapter.dialect.currentTimestamp()} at time zone 'UTC' as ${ts}) as snapshotted_at`,
    `from ${relation}`,
    ...(filter ? [`where ${filter}`] : []),
  ].join("\n");
}

/** A timestamp value from the warehouse as epoch milliseconds (text without a zone is read as UTC). */
function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  const text = String(value).trim().replace(" ", "T");
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
}

/**
 * Checks one source: the age of its newest `loaded_at_field` value (rows matching `filter`)
 * against warn_after / error_after. A source without loaded_at_field, an empty table or a
 * warehouse error is a `runtime error` result, never a crash.
 */
export async function checkFreshness(adapter: Adapter, source: SourceDefinition, thread: string): Promise<FreshnessResult> {
  const started = new Date();
  try {
    const criteria = criteriaOf(source);
    if (!source.loaded_at_field) {
      throw new RunnerError(FreshnessErrorCode.missingLoadedAtField, `Source ${source.source_name}.${source.name} has freshness criteria but no loaded_at_field.`, {
        file: source.original_file_path,
        hint: "Set loaded_at_field to the column recording when each row was loaded.",
      });
    }
    const relation = source.relation_name ?? new Relation({ database: source.database, schema: source.schema, identifier: source.identifier }, adapter.dialect.quote).render();
    const result = await adapter.execute(freshnessQuery(adapter, relation, source.loaded_at_field, criteria.filter), { nodeId: source.unique_id });
    // engines that fold unquoted aliases to upper case (Snowflake) answer MAX_LOADED_AT
    const row = Object.fromEntries(Object.entries(result.rows[0] ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    if (row.max_loaded_at === null || row.max_loaded_at === undefined) {
      throw new RunnerError(FreshnessErrorCode.noRows, `Source ${source.source_name}.${source.name} has no rows${criteria.filter ? " matching its filter" : ""}, so its freshness is unknown.`, {
        file: source.original_file_path,
        hint: "Load data into the table, or check the freshness filter.",
      });
    }
    const loaded = epochMs(row.max_loaded_at);
    const now = epochMs(row.snapshotted_at);
    const age = Math.max(0, (now - loaded) / 1000);
    const completed = new Date();
    return {
      unique_id: source.unique_id,
      max_loaded_at: new Date(loaded).toISOString(),
      snapshotted_at: new Date(now).toISOString(),
      max_loaded_at_time_ago_in_s: age,
      status: freshnessStatus(age, criteria),
      criteria,
      adapter_response: { _message: "OK" },
      timing: [{ name: "execute", started_at: started.toISOString(), completed_at: completed.toISOString() }],
      thread_id: thread,
      execution_time: (completed.getTime() - started.getTime()) / 1000,
    };
  } catch (error) {
    return { unique_id: source.unique_id, error: describeError(error), status: "runtime error" };
  }
}
