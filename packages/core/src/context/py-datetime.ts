/**
 * A small stand-in for Python's datetime module as dbt templates use it
 * (`run_started_at.strftime(...)`, `modules.datetime.datetime.now()`, `timedelta(days=1)`).
 * Times are UTC.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Python's `timedelta`. */
export class PyTimedelta {
  constructor(readonly ms: number) {}
  total_seconds(): number {
    return this.ms / 1000;
  }
  get days(): number {
    return Math.floor(this.ms / 86400000);
  }
}

function kw(args: unknown[]): Record<string, number> {
  const last = args[args.length - 1];
  return last && typeof last === "object" ? (last as Record<string, number>) : {};
}

/** Builds a timedelta from Python-style keyword arguments. */
export function timedelta(...args: unknown[]): PyTimedelta {
  const k = kw(args);
  const positional = args.filter((a) => typeof a === "number") as number[];
  const days = k.days ?? positional[0] ?? 0;
  const seconds = k.seconds ?? positional[1] ?? 0;
  const ms = (k.weeks ?? 0) * 7 * 86400000 + days * 86400000 + (k.hours ?? 0) * 3600000 + (k.minutes ?? 0) * 60000 + seconds * 1000 + (k.milliseconds ?? 0);
  return new PyTimedelta(ms);
}

/** Python's `datetime` (UTC) with the methods dbt projects use. */
export class PyDateTime {
  constructor(readonly date: Date, readonly dateOnly = false) {}

  get year(): number { return this.date.getUTCFullYear(); }
  get month(): number { return this.date.getUTCMonth() + 1; }
  get day(): number { return this.date.getUTCDate(); }
  get hour(): number { return this.date.getUTCHours(); }
  get minute(): number { return this.date.getUTCMinutes(); }
  get second(): number { return this.date.getUTCSeconds(); }

  strftime(format: string): string {
    const d = this.date;
    return format.replace(/%([a-zA-Z%])/g, (_, c: string) => {
      switch (c) {
        case "Y": return String(d.getUTCFullYear());
        case "y": return pad(d.getUTCFullYear() % 100);
        case "m": return pad(d.getUTCMonth() + 1);
        case "d": return pad(d.getUTCDate());
        case "H": return pad(d.getUTCHours());
        case "M": return pad(d.getUTCMinutes());
        case "S": return pad(d.getUTCSeconds());
        case "f": return pad(d.getUTCMilliseconds() * 1000, 6);
        case "j": return pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3);
        case "A": return DAYS[d.getUTCDay()];
        case "a": return DAYS[d.getUTCDay()].slice(0, 3);
        case "B": return MONTHS[d.getUTCMonth()];
        case "b": return MONTHS[d.getUTCMonth()].slice(0, 3);
        case "w": return String(d.getUTCDay());
        case "z": return "+0000";
        case "Z": return "UTC";
        case "%": return "%";
        default: return `%${c}`;
      }
    });
  }
  isoformat(): string {
    return this.dateOnly ? this.strftime("%Y-%m-%d") : this.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00");
  }
  date_(): PyDateTime {
    return new PyDateTime(new Date(Date.UTC(this.year, this.month - 1, this.day)), true);
  }
  timestamp(): number {
    return this.date.getTime() / 1000;
  }
  replace(...args: unknown[]): PyDateTime {
    const k = kw(args);
    return new PyDateTime(
      new Date(Date.UTC(k.year ?? this.year, (k.month ?? this.month) - 1, k.day ?? this.day, k.hour ?? this.hour, k.minute ?? this.minute, k.second ?? this.second)),
      this.dateOnly,
    );
  }
  /** `dt + timedelta` in templates is written with these helpers. */
  __add__(delta: PyTimedelta): PyDateTime {
    return new PyDateTime(new Date(this.date.getTime() + delta.ms), this.dateOnly);
  }
  __sub__(delta: PyTimedelta): PyDateTime {
    return new PyDateTime(new Date(this.date.getTime() - delta.ms), this.dateOnly);
  }
  toString(): string {
    return this.dateOnly ? this.strftime("%Y-%m-%d") : this.strftime("%Y-%m-%d %H:%M:%S.%f+00:00");
  }
}

/** `modules.datetime` as templates see it. */
export function datetimeModule(now: () => Date = () => new Date()) {
  const datetime = Object.assign((...a: number[]) => new PyDateTime(new Date(Date.UTC(a[0], (a[1] ?? 1) - 1, a[2] ?? 1, a[3] ?? 0, a[4] ?? 0, a[5] ?? 0))), {
    now: () => new PyDateTime(now()),
    utcnow: () => new PyDateTime(now()),
    today: () => new PyDateTime(now()),
    fromisoformat: (s: string) => new PyDateTime(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`)),
    strptime: (s: string) => new PyDateTime(new Date(`${s.replace(" ", "T")}Z`)),
  });
  const date = Object.assign((y: number, m: number, d: number) => new PyDateTime(new Date(Date.UTC(y, m - 1, d)), true), {
    today: () => new PyDateTime(new Date(Date.UTC(now().getUTCFullYear(), now().getUTCMonth(), now().getUTCDate())), true),
    fromisoformat: (s: string) => new PyDateTime(new Date(`${s}T00:00:00Z`), true),
  });
  return { datetime, date, timedelta, timezone: { utc: "UTC" } };
}
