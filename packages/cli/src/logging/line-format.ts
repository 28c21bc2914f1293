import type { EventLevel } from "./event-catalogue";

/** How a log line is written: dbt's `text` (time + message), `debug` (time, level, thread) or `json`. */
export type LineFormat = "text" | "debug" | "json";

/** One fired event with everything a line needs. */
export interface FiredEvent {
  name: string;
  code: string;
  level: EventLevel;
  msg: string;
  data: Record<string, unknown>;
  ts: Date;
  thread: string;
  invocationId: string;
}

/** `HH:MM:SS` (UTC) of a time. */
const clock = (ts: Date) => ts.toISOString().slice(11, 19);

/** `HH:MM:SS.ffffff` (UTC, microseconds as dbt prints them). */
const preciseClock = (ts: Date) => `${ts.toISOString().slice(11, 23)}000`;

/** An event as one line (without the newline) in the given format. */
export function formatLine(e: FiredEvent, format: LineFormat, colors: boolean): string {
  const reset = colors ? "\u001b[0m" : "";
  switch (format) {
    case "json":
      return JSON.stringify({
        data: e.data,
        info: { category: "", code: e.code, extra: {}, invocation_id: e.invocationId, level: e.level, msg: e.msg, name: e.name, pid: process.pid, thread: e.thread, ts: `${e.ts.toISOString().slice(0, 23)}000Z` },
      });
    case "debug":
      return `${reset}${preciseClock(e.ts)} [${e.level.padEnd(5)}] [${e.thread.slice(0, 10)}]: ${e.msg}`;
    default:
      return `${reset}${clock(e.ts)}  ${e.msg}`;
  }
}

/** The banner dbt writes to the log file when an invocation starts. */
export function invocationBanner(ts: Date, invocationId: string): string {
  const bar = "=".repeat(30);
  return `\n\n${bar} ${preciseClock(ts)} | ${invocationId} ${bar}`;
}

const ORDER: Record<EventLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** True when an event of `level` passes a sink whose minimum is `min`. */
export function passes(level: EventLevel, min: EventLevel | "none"): boolean {
  return min !== "none" && ORDER[level] >= ORDER[min];
}
