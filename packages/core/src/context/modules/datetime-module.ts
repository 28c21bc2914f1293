import { hostFunction } from "@tsdbt/jinja";
import { DateValueError, PyDate, PyDateTime, PyTime } from "./py-datetime";
import { PyTimedelta, US_PER_SECOND } from "./py-timedelta";
import { PyTzInfo, UTC } from "./py-tz";
import { strptime } from "./strftime";

const US_PER_MS = 1000;
const int = (v: unknown, dflt = 0): number => (v === undefined || v === null ? dflt : Number(v));

/**
 * `modules.datetime` as dbt exposes it: the `date`, `datetime`, `time`, `timedelta` and `tzinfo`
 * classes, with the constructors and class methods templates call. `now()` reads the clock
 * given (UTC on a server set to UTC, as tsdbt takes the local zone to be).
 */
export function datetimeModule(clock: () => Date = () => new Date()) {
  const nowMicros = () => clock().getTime() * US_PER_MS;
  const fromIso = (text: unknown): PyDateTime => {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(String(text));
    if (!m) throw new DateValueError(`Invalid isoformat string: '${String(text)}'`);
    const [, y, mo, d, h, mi, s, frac, tz] = m;
    const dt = PyDateTime.of(+y, +mo, +d, int(h), int(mi), int(s), frac ? Number(frac.padEnd(6, "0")) : 0);
    if (!tz) return dt;
    const offset = tz === "Z" ? 0 : (tz[0] === "-" ? -1 : 1) * (Number(tz.slice(1, 3)) * 60 + Number(tz.replace(":", "").slice(3, 5)));
    return offset === 0 ? dt.withZone(UTC) : new PyDateTime(dt.wallMicros, fixedOffset(offset), offset);
  };

  const datetime = Object.assign(
    hostFunction(([y, mo, d, h, mi, s, us, tz], kw) =>
      PyDateTime.of(int(kw.year ?? y), int(kw.month ?? mo, 1), int(kw.day ?? d, 1), int(kw.hour ?? h), int(kw.minute ?? mi), int(kw.second ?? s), int(kw.microsecond ?? us), (kw.tzinfo ?? tz ?? null) as PyTzInfo | null),
    ),
    {
      now: hostFunction(([tz], kw) => {
        const zone = (kw.tz ?? tz ?? null) as PyTzInfo | null;
        return zone ? PyDateTime.fromInstant(nowMicros(), zone) : new PyDateTime(nowMicros());
      }),
      utcnow: () => new PyDateTime(nowMicros()),
      today: () => new PyDateTime(nowMicros()),
      fromisoformat: fromIso,
      strptime: (text: unknown, format: unknown) => {
        const f = strptime(String(text), String(format));
        const dt = PyDateTime.of(f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond);
        if (f.offset === null) return dt;
        return f.offset === 0 ? dt.withZone(UTC) : new PyDateTime(dt.wallMicros, fixedOffset(f.offset), f.offset);
      },
      fromtimestamp: hostFunction(([ts, tz], kw) => PyDateTime.fromInstant(Math.round(Number(ts) * US_PER_SECOND), ((kw.tz ?? tz) as PyTzInfo | null) ?? null)),
      utcfromtimestamp: (ts: unknown) => new PyDateTime(Math.round(Number(ts) * US_PER_SECOND)),
      combine: (d: PyDate, t: PyTime) => PyDateTime.of(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond),
    },
  );
  const date = Object.assign(
    hostFunction(([y, m, d], kw) => new PyDate(int(kw.year ?? y), int(kw.month ?? m), int(kw.day ?? d))),
    {
      today: () => new PyDateTime(nowMicros()).date(),
      fromisoformat: (text: unknown) => fromIso(String(text)).date(),
      fromordinal: (n: unknown) => PyDate.fromDays(Number(n) - 719163),
      fromtimestamp: (ts: unknown) => new PyDateTime(Math.round(Number(ts) * US_PER_SECOND)).date(),
    },
  );
  const time = hostFunction(([h, m, s, us], kw) => new PyTime(int(kw.hour ?? h), int(kw.minute ?? m), int(kw.second ?? s), int(kw.microsecond ?? us)));
  const timedelta = hostFunction((args, kw) => PyTimedelta.of(args, kw));
  return { date, datetime, time, timedelta, tzinfo: PyTzInfo };
}

/** A fixed-offset zone, for parsed `+02:00` suffixes. */
export function fixedOffset(minutes: number): PyTzInfo {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const zone = Object.create(PyTzInfo.prototype) as PyTzInfo;
  Object.assign(zone, { zone: `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}` });
  zone.offsetAt = () => minutes;
  zone.offsetForWall = () => minutes;
  zone.defaultOffset = () => minutes;
  return zone;
}
