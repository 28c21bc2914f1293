/** The formats dbt accepts for `--event-time-start` / `--event-time-end` (click's DateTime). */
const FORMATS = "'%Y-%m-%d', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S'";
const PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2}):(\d{1,2}))?$/;

/** The batch window given on the command line (wall-clock times, read as UTC). */
export interface EventTimeWindow {
  eventTimeStart?: Date;
  eventTimeEnd?: Date;
}

function parse(flag: string, text: string): Date | string {
  const m = PATTERN.exec(text);
  const invalid = `Invalid value for '--${flag}': '${text}' does not match the formats ${FORMATS}.`;
  if (!m) return invalid;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  const t = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return invalid;
  return t;
}

/**
 * `--event-time-start` and `--event-time-end` as dbt reads and checks them: each in one of dbt's
 * formats, both or neither, the start before the end. A string is the sentence dbt's error gives.
 */
export function readEventTimeWindow(start: string | undefined, end: string | undefined): EventTimeWindow | string {
  if (start !== undefined && end === undefined) return "The flag `--event-time-start` was specified, but `--event-time-end` was not. When specifying `--event-time-start`, `--event-time-end` must also be present.";
  if (end !== undefined && start === undefined) return "The flag `--event-time-end` was specified, but `--event-time-start` was not. When specifying `--event-time-end`, `--event-time-start` must also be present.";
  if (start === undefined || end === undefined) return {};
  const from = parse("event-time-start", start);
  if (typeof from === "string") return from;
  const to = parse("event-time-end", end);
  if (typeof to === "string") return to;
  if (from.getTime() >= to.getTime()) return "Value for `--event-time-start` must be less than `--event-time-end`";
  return { eventTimeStart: from, eventTimeEnd: to };
}
