import type { SourceDefinition } from "@tsdbt/core";
import { RunnerError } from "../runner-error";

/** A freshness period as dbt's schema spells it. */
export type FreshnessPeriod = "minute" | "hour" | "day";

/** `warn_after` / `error_after`: count and period, or nulls when unset. */
export interface FreshnessTime {
  count: number | null;
  period: FreshnessPeriod | null;
}

/** A source's freshness criteria as sources.json records them. */
export interface FreshnessCriteria {
  warn_after: FreshnessTime;
  error_after: FreshnessTime;
  filter: string | null;
}

/** Codes of source freshness problems. */
export const FreshnessErrorCode = {
  missingLoadedAtField: "TSDBT-E520",
  invalidCriteria: "TSDBT-E521",
  noRows: "TSDBT-E522",
} as const;

const SECONDS: Record<FreshnessPeriod, number> = { minute: 60, hour: 3600, day: 86400 };

function timeOf(value: unknown, what: string, source: SourceDefinition): FreshnessTime {
  if (value === undefined || value === null) return { count: null, period: null };
  const v = value as { count?: unknown; period?: unknown };
  const count = v.count === undefined || v.count === null ? null : Number(v.count);
  const period = v.period === undefined || v.period === null ? null : String(v.period);
  if ((count !== null && (!Number.isInteger(count) || count < 0)) || (period !== null && !(period in SECONDS)) || (count === null) !== (period === null)) {
    throw new RunnerError(FreshnessErrorCode.invalidCriteria, `Source ${source.source_name}.${source.name} has ${what} ${JSON.stringify(value)}.`, {
      file: source.original_file_path,
      hint: `Write '${what}: {count: 12, period: hour}' (period is minute, hour or day).`,
    });
  }
  return { count, period: period as FreshnessPeriod | null };
}

/** The freshness criteria of a source (table settings over the source's, as parsed). @throws RunnerError TSDBT-E521 */
export function criteriaOf(source: SourceDefinition): FreshnessCriteria {
  const f = (source.freshness ?? {}) as { warn_after?: unknown; error_after?: unknown; filter?: unknown };
  return {
    warn_after: timeOf(f.warn_after, "warn_after", source),
    error_after: timeOf(f.error_after, "error_after", source),
    filter: typeof f.filter === "string" && f.filter.trim() !== "" ? f.filter : null,
  };
}

/** True when a source asks for a freshness check (warn_after or error_after set). */
export function hasFreshness(source: SourceDefinition): boolean {
  const f = source.freshness as { warn_after?: { count?: unknown }; error_after?: { count?: unknown } } | null;
  const set = (t?: { count?: unknown }) => t !== undefined && t !== null && t.count !== undefined && t.count !== null;
  return Boolean(f) && (set(f!.warn_after) || set(f!.error_after));
}

/** Seconds a threshold allows, or null when unset. */
export function thresholdSeconds(time: FreshnessTime): number | null {
  return time.count === null || time.period === null ? null : time.count * SECONDS[time.period];
}

/** pass / warn / error for an age in seconds: error_after is checked first. */
export function freshnessStatus(ageSeconds: number, criteria: FreshnessCriteria): "pass" | "warn" | "error" {
  const error = thresholdSeconds(criteria.error_after);
  if (error !== null && ageSeconds > error) return "error";
  const warn = thresholdSeconds(criteria.warn_after);
  if (warn !== null && ageSeconds > warn) return "warn";
  return "pass";
}
