import { PY_REPR, PyFloat } from "@tsdbt/jinja";
import { NOT_IMPLEMENTED } from "./not-implemented";

export const US_PER_SECOND = 1_000_000;
export const US_PER_DAY = 86_400 * US_PER_SECOND;

/**
 * Python's `datetime.timedelta`: a signed duration in microseconds, normalised to
 * `days`, `seconds` (0–86399) and `microseconds` (0–999999) as Python does.
 */
export class PyTimedelta {
  constructor(readonly totalMicros: number) {}

  /** Builds one from Python's keyword arguments (days, seconds, microseconds, milliseconds, minutes, hours, weeks). */
  static of(args: unknown[], kw: Record<string, unknown>): PyTimedelta {
    const names = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
    const scale = [US_PER_DAY, US_PER_SECOND, 1, 1000, 60 * US_PER_SECOND, 3600 * US_PER_SECOND, 7 * US_PER_DAY];
    let us = 0;
    names.forEach((name, i) => {
      const v = kw[name] ?? args[i];
      if (v !== undefined && v !== null) us += Number(v) * scale[i];
    });
    return new PyTimedelta(Math.round(us));
  }

  get days(): number {
    return Math.floor(this.totalMicros / US_PER_DAY);
  }
  get seconds(): number {
    return Math.floor((this.totalMicros - this.days * US_PER_DAY) / US_PER_SECOND);
  }
  get microseconds(): number {
    return this.totalMicros - this.days * US_PER_DAY - this.seconds * US_PER_SECOND;
  }
  /** A float, as Python's (`86400.0`). */
  total_seconds(): number | PyFloat {
    const s = this.totalMicros / US_PER_SECOND;
    return Number.isInteger(s) ? new PyFloat(s) : s;
  }

  __add__(o: unknown): unknown {
    return o instanceof PyTimedelta ? new PyTimedelta(this.totalMicros + o.totalMicros) : NOT_IMPLEMENTED;
  }
  __sub__(o: unknown): unknown {
    return o instanceof PyTimedelta ? new PyTimedelta(this.totalMicros - o.totalMicros) : NOT_IMPLEMENTED;
  }
  __mul__(o: unknown): unknown {
    return typeof o === "number" ? new PyTimedelta(Math.round(this.totalMicros * o)) : NOT_IMPLEMENTED;
  }
  __rmul__(o: unknown): unknown {
    return this.__mul__(o);
  }
  __neg__(): PyTimedelta {
    return new PyTimedelta(-this.totalMicros);
  }
  __eq__(o: unknown): boolean {
    return o instanceof PyTimedelta && o.totalMicros === this.totalMicros;
  }
  __lt__(o: unknown): unknown {
    return o instanceof PyTimedelta ? this.totalMicros < o.totalMicros : NOT_IMPLEMENTED;
  }

  [PY_REPR](): string {
    const parts = [["days", this.days], ["seconds", this.seconds], ["microseconds", this.microseconds]].filter(([, v]) => v !== 0);
    return `datetime.timedelta(${parts.map(([k, v]) => `${k}=${v}`).join(", ")})`;
  }

  /** `1 day, 2:03:04.500000`, `-1 day, 23:59:59`, `0:00:00` as Python prints them. */
  toString(): string {
    const d = this.days;
    const s = this.seconds;
    const clock = `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
    const frac = this.microseconds ? `.${String(this.microseconds).padStart(6, "0")}` : "";
    return d ? `${d} day${Math.abs(d) === 1 ? "" : "s"}, ${clock}${frac}` : `${clock}${frac}`;
  }
}
