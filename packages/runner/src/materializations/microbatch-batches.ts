/**
 * The batches of a microbatch model, computed as dbt-core's MicrobatchBuilder computes them:
 * instants are UTC, a batch is `[start, end)`, and timestamps are cut to the batch size on their
 * wall-clock fields.
 */

/** dbt's batch sizes. */
export type BatchSize = "hour" | "day" | "month" | "year";

/** One batch: its window, `[start, end)`, as UTC instants. */
export interface BatchWindow {
  start: Date;
  end: Date;
}

/** The wall-clock fields of an instant in UTC. */
function fields(t: Date): [number, number, number, number] {
  return [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours()];
}

/** `t` cut to the start of its hour, day, month or year. */
export function truncateTimestamp(t: Date, size: BatchSize): Date {
  const [year, month, day, hour] = fields(t);
  switch (size) {
    case "hour":
      return new Date(Date.UTC(year, month, day, hour));
    case "day":
      return new Date(Date.UTC(year, month, day));
    case "month":
      return new Date(Date.UTC(year, month, 1));
    case "year":
      return new Date(Date.UTC(year, 0, 1));
  }
}

/** `t` cut to its batch, then moved by `offset` batches (so +1 from 16:06 in hours is 17:00). */
export function offsetTimestamp(t: Date, size: BatchSize, offset: number): Date {
  const cut = truncateTimestamp(t, size);
  const [year, month, day, hour] = fields(cut);
  switch (size) {
    case "hour":
      return new Date(Date.UTC(year, month, day, hour + offset));
    case "day":
      return new Date(Date.UTC(year, month, day + offset));
    case "month":
      return new Date(Date.UTC(year, month + offset, 1));
    case "year":
      return new Date(Date.UTC(year + offset, 0, 1));
  }
}

/** `t` moved up to the next batch boundary, or itself when it is on one. */
export function ceilingTimestamp(t: Date, size: BatchSize): Date {
  const cut = truncateTimestamp(t, size);
  return cut.getTime() === t.getTime() ? cut : offsetTimestamp(cut, size, 1);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A batch's start as dbt prints it for its size: `2024`, `2024-09`, `2024-09-17`, `2024-09-17T16`. */
export function formatBatchStart(start: Date, size: BatchSize): string {
  const [year, month, day, hour] = fields(start);
  const y = pad(year, 4);
  if (size === "year") return y;
  if (size === "month") return `${y}-${pad(month + 1)}`;
  if (size === "day") return `${y}-${pad(month + 1)}-${pad(day)}`;
  return `${y}-${pad(month + 1)}-${pad(day)}T${pad(hour)}`;
}

/** dbt's batch id: the formatted start without dashes (`20240917`, `20240917T16`). */
export function batchId(start: Date, size: BatchSize): string {
  return formatBatchStart(start, size).replace(/-/g, "");
}

/** An instant as Python's isoformat of an aware UTC datetime (`2024-09-17T00:00:00+00:00`), as run_results.json holds batches. */
export function isoUtc(t: Date): string {
  const micros = t.getUTCMilliseconds() ? `.${pad(t.getUTCMilliseconds(), 3)}000` : "";
  return `${t.toISOString().slice(0, 19)}${micros}+00:00`;
}

/**
 * An ISO date or datetime read on its wall-clock fields as UTC, as dbt reads `begin` and the
 * `--event-time-*` flags (an offset, when given, is not applied). Null when it is none.
 */
export function parseWallClock(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?)?/.exec(text.trim());
  if (!m) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  const t = new Date(Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), Math.floor(Number(`0.${m[7] ?? 0}`) * 1000)));
  return Number.isNaN(t.getTime()) ? null : t;
}

/** What decides a microbatch model's batches. */
export interface BatchPlanInput {
  batchSize: BatchSize;
  /** The model's `begin` (first run and full refresh start there). */
  begin: Date | null;
  /** The model's `lookback`: batches before the current one that an incremental run builds again. */
  lookback: number;
  /** The table exists, is a table and is not being fully refreshed. */
  isIncremental: boolean;
  /** `--event-time-start` / `--event-time-end`. */
  eventTimeStart: Date | null;
  eventTimeEnd: Date | null;
  /** The invocation's start: the end of the last batch when no `--event-time-end` is given. */
  now: Date;
}

/**
 * The batches to build, oldest first: from `--event-time-start`, else from `begin` on a first
 * run or full refresh, else from the current batch minus `lookback` (one more when the end is
 * on a batch boundary), up to `--event-time-end` or now, rounded up to a batch boundary.
 * @throws Error when a first run has no `begin` (dbt's "requires a 'begin' configuration").
 */
export function planBatches(input: BatchPlanInput, modelName: string): BatchWindow[] {
  const size = input.batchSize;
  const end = ceilingTimestamp(input.eventTimeEnd ?? input.now, size);
  let start: Date;
  if (input.eventTimeStart) start = truncateTimestamp(input.eventTimeStart, size);
  else if (!input.isIncremental) {
    if (!input.begin) throw new Error(`Microbatch model '${modelName}' requires a 'begin' configuration.`);
    start = truncateTimestamp(input.begin, size);
  } else {
    const onBoundary = truncateTimestamp(end, size).getTime() === end.getTime();
    start = offsetTimestamp(end, size, -(input.lookback + (onBoundary ? 1 : 0)));
  }
  const batches: BatchWindow[] = [{ start, end: offsetTimestamp(start, size, 1) }];
  while (batches[batches.length - 1].end.getTime() < end.getTime()) {
    const from = batches[batches.length - 1].end;
    batches.push({ start: from, end: offsetTimestamp(from, size, 1) });
  }
  // the last batch ends exactly at the end
  batches[batches.length - 1] = { start: batches[batches.length - 1].start, end };
  return batches;
}
