import { PY_REPR } from "@tsdbt/jinja";
import { NOT_IMPLEMENTED } from "./not-implemented";
import { offsetText, strftime, weekday, type TimeFields } from "./strftime";
import { PyTimedelta, US_PER_DAY, US_PER_SECOND } from "./py-timedelta";
import { UTC, type PyTzInfo } from "./py-tz";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const US_PER_MS = 1000;

/** Raised for impossible dates and times (Python's ValueError). */
export class DateValueError extends Error {}

function checkDate(year: number, month: number, day: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new DateValueError(`year ${year} is out of range`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new DateValueError("month must be in 1..12");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > last) throw new DateValueError("day is out of range for month");
}

function utcDate(year: number, month: number, day: number): Date {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d;
}

/** Python's `datetime.date`. */
export class PyDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  constructor(year: number, month: number, day: number) {
    checkDate(year, month, day);
    this.year = year;
    this.month = month;
    this.day = day;
  }
  static fromDays(days: number): PyDate {
    const d = new Date(days * 86400000);
    return new PyDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  /** Days since 1970-01-01. */
  get epochDays(): number {
    return Math.round(utcDate(this.year, this.month, this.day).getTime() / 86400000);
  }
  protected fields(): TimeFields {
    return { year: this.year, month: this.month, day: this.day, hour: 0, minute: 0, second: 0, microsecond: 0, offset: null, zoneName: "" };
  }
  strftime(format: string): string {
    return strftime(this.fields(), format);
  }
  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
  weekday(): number {
    return weekday(this.year, this.month, this.day);
  }
  isoweekday(): number {
    return this.weekday() + 1;
  }
  toordinal(): number {
    return this.epochDays + 719163;
  }
  replace(...args: unknown[]): PyDate {
    const kw = keywords(args);
    return new PyDate(num(kw.year, this.year), num(kw.month, this.month), num(kw.day, this.day));
  }
  __add__(o: unknown): unknown {
    return o instanceof PyTimedelta ? PyDate.fromDays(this.epochDays + o.days) : NOT_IMPLEMENTED;
  }
  __radd__(o: unknown): unknown {
    return this.__add__(o);
  }
  __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return PyDate.fromDays(this.epochDays - o.days);
    if (o instanceof PyDate && !(o instanceof PyDateTime)) return new PyTimedelta((this.epochDays - o.epochDays) * US_PER_DAY);
    return NOT_IMPLEMENTED;
  }
  __eq__(o: unknown): boolean {
    return o instanceof PyDate && !(o instanceof PyDateTime) && o.epochDays === this.epochDays;
  }
  __lt__(o: unknown): unknown {
    return o instanceof PyDate && !(o instanceof PyDateTime) ? this.epochDays < o.epochDays : NOT_IMPLEMENTED;
  }
  [PY_REPR](): string {
    return `datetime.date(${this.year}, ${this.month}, ${this.day})`;
  }
  toString(): string {
    return this.isoformat();
  }
}

/** Python's `datetime.time` (naive). */
export class PyTime {
  constructor(readonly hour = 0, readonly minute = 0, readonly second = 0, readonly microsecond = 0) {}
  isoformat(): string {
    return `${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${this.microsecond ? `.${pad(this.microsecond, 6)}` : ""}`;
  }
  strftime(format: string): string {
    return strftime({ year: 1900, month: 1, day: 1, hour: this.hour, minute: this.minute, second: this.second, microsecond: this.microsecond, offset: null, zoneName: "" }, format);
  }
  __eq__(o: unknown): boolean {
    return o instanceof PyTime && o.isoformat() === this.isoformat();
  }
  __lt__(o: unknown): unknown {
    return o instanceof PyTime ? this.isoformat() < o.isoformat() : NOT_IMPLEMENTED;
  }
  [PY_REPR](): string {
    const parts = [this.hour, this.minute, this.second, this.microsecond];
    while (parts.length > 2 && parts[parts.length - 1] === 0) parts.pop();
    return `datetime.time(${parts.join(", ")})`;
  }
  toString(): string {
    return this.isoformat();
  }
}

/**
 * Python's `datetime.datetime`: a wall-clock time to the microsecond, naive or with a zone.
 * Arithmetic with timedeltas works on the wall clock (as Python's does); subtraction and
 * comparison of aware values work on the instant.
 */
export class PyDateTime extends PyDate {
  /** Microseconds since 1970-01-01 00:00 on the wall clock. */
  readonly wallMicros: number;
  readonly tzinfo: PyTzInfo | null;
  /** Minutes east of UTC (0 when naive). */
  readonly offset: number;

  constructor(wallMicros: number, tzinfo: PyTzInfo | null = null, offset?: number) {
    const d = new Date(Math.floor(wallMicros / US_PER_MS));
    super(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    this.wallMicros = wallMicros;
    this.tzinfo = tzinfo;
    this.offset = tzinfo ? (offset ?? tzinfo.offsetForWall(Math.floor(wallMicros / US_PER_MS))) : 0;
  }
  static of(year: number, month = 1, day = 1, hour = 0, minute = 0, second = 0, microsecond = 0, tzinfo: PyTzInfo | null = null): PyDateTime {
    checkDate(year, month, day);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || microsecond < 0 || microsecond > 999999) throw new DateValueError("time component out of range");
    const ms = utcDate(year, month, day).getTime() + ((hour * 60 + minute) * 60 + second) * 1000;
    // a zone attached directly gets its first offset, as pytz's zones do (see PyTzInfo.defaultOffset)
    return new PyDateTime(ms * US_PER_MS + microsecond, tzinfo, tzinfo ? tzinfo.defaultOffset() : undefined);
  }
  /** The instant as Python's aware value shows it in `tz`. */
  static fromInstant(utcMicros: number, tz: PyTzInfo | null): PyDateTime {
    if (!tz) return new PyDateTime(utcMicros);
    const offset = tz.offsetAt(Math.floor(utcMicros / US_PER_MS));
    return new PyDateTime(utcMicros + offset * 60 * US_PER_SECOND, tz, offset);
  }

  private get clock(): Date {
    return new Date(Math.floor(this.wallMicros / US_PER_MS));
  }
  get hour(): number {
    return this.clock.getUTCHours();
  }
  get minute(): number {
    return this.clock.getUTCMinutes();
  }
  get second(): number {
    return this.clock.getUTCSeconds();
  }
  get microsecond(): number {
    return ((this.wallMicros % US_PER_SECOND) + US_PER_SECOND) % US_PER_SECOND;
  }
  /** Microseconds since the epoch in UTC (the wall clock for a naive value). */
  get utcMicros(): number {
    return this.wallMicros - this.offset * 60 * US_PER_SECOND;
  }
  protected override fields(): TimeFields {
    return { ...super.fields(), hour: this.hour, minute: this.minute, second: this.second, microsecond: this.microsecond, offset: this.tzinfo ? this.offset : null, zoneName: this.tzinfo ? zoneName(this.tzinfo, this.offset, this.utcMicros) : "" };
  }
  override isoformat(sep: unknown = "T"): string {
    const s = typeof sep === "string" ? sep : "T";
    return `${super.isoformat()}${s}${new PyTime(this.hour, this.minute, this.second, this.microsecond).isoformat()}${this.tzinfo ? offsetText(this.offset, ":") : ""}`;
  }
  date(): PyDate {
    return new PyDate(this.year, this.month, this.day);
  }
  time(): PyTime {
    return new PyTime(this.hour, this.minute, this.second, this.microsecond);
  }
  timestamp(): number {
    return this.utcMicros / US_PER_SECOND;
  }
  utcoffset(): PyTimedelta | null {
    return this.tzinfo ? new PyTimedelta(this.offset * 60 * US_PER_SECOND) : null;
  }
  tzname(): string | null {
    return this.tzinfo ? zoneName(this.tzinfo, this.offset, this.utcMicros) : null;
  }
  /** The same instant in another zone (a naive value is taken as UTC). */
  astimezone(tz: unknown = UTC): PyDateTime {
    // Python returns the value itself when it already has that zone
    if (this.tzinfo && tz === this.tzinfo) return this;
    return PyDateTime.fromInstant(this.utcMicros, (tz as PyTzInfo | null) ?? UTC);
  }
  /** The same wall time with a zone attached (pytz's localize). */
  withZone(tz: PyTzInfo | null): PyDateTime {
    return new PyDateTime(this.wallMicros, tz);
  }
  override replace(...args: unknown[]): PyDateTime {
    const kw = keywords(args);
    const newZone = "tzinfo" in kw;
    const tz = newZone ? (kw.tzinfo as PyTzInfo | null) : this.tzinfo;
    const dt = PyDateTime.of(num(kw.year, this.year), num(kw.month, this.month), num(kw.day, this.day), num(kw.hour, this.hour), num(kw.minute, this.minute), num(kw.second, this.second), num(kw.microsecond, this.microsecond), tz);
    // the same zone keeps its offset (a pytz zone instance carries one)
    return newZone || !tz ? dt : new PyDateTime(dt.wallMicros, tz, this.offset);
  }
  // adding or subtracting time keeps the offset, as with pytz (whose `normalize` moves it)
  override __add__(o: unknown): unknown {
    return o instanceof PyTimedelta ? new PyDateTime(this.wallMicros + o.totalMicros, this.tzinfo, this.tzinfo ? this.offset : undefined) : NOT_IMPLEMENTED;
  }
  override __sub__(o: unknown): unknown {
    if (o instanceof PyTimedelta) return new PyDateTime(this.wallMicros - o.totalMicros, this.tzinfo, this.tzinfo ? this.offset : undefined);
    if (o instanceof PyDateTime) {
      if (Boolean(o.tzinfo) !== Boolean(this.tzinfo)) throw new TypeError("can't subtract offset-naive and offset-aware datetimes");
      return new PyTimedelta(this.utcMicros - o.utcMicros);
    }
    return NOT_IMPLEMENTED;
  }
  override __eq__(o: unknown): boolean {
    return o instanceof PyDateTime && Boolean(o.tzinfo) === Boolean(this.tzinfo) && o.utcMicros === this.utcMicros;
  }
  override __lt__(o: unknown): unknown {
    if (!(o instanceof PyDateTime)) return NOT_IMPLEMENTED;
    if (Boolean(o.tzinfo) !== Boolean(this.tzinfo)) throw new TypeError("can't compare offset-naive and offset-aware datetimes");
    return this.utcMicros < o.utcMicros;
  }
  override [PY_REPR](): string {
    const parts = [this.year, this.month, this.day, this.hour, this.minute, this.second, this.microsecond];
    while (parts.length > 5 && parts[parts.length - 1] === 0) parts.pop();
    const tz = this.tzinfo ? `, tzinfo=${this.tzinfo.zone === "UTC" ? "<UTC>" : this.tzinfo.zone}` : "";
    return `datetime.datetime(${parts.join(", ")}${tz})`;
  }
  /** `2024-01-31 09:30:00`, with `.ffffff` when there are microseconds and `+00:00` when aware. */
  override toString(): string {
    return this.isoformat(" ");
  }
}

/** The zone's abbreviation at an instant (EST, CEST), or the offset when it has none. */
function zoneName(tz: PyTzInfo, offset: number, utcMicros: number): string {
  if (tz.zone === "UTC") return "UTC";
  // a zone attached without localize shows its first offset's name (pytz: LMT)
  if (offset === tz.defaultOffset() && offset !== tz.offsetAt(Math.floor(utcMicros / US_PER_MS))) return "LMT";
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz.zone, timeZoneName: "short" }).formatToParts(new Date(Math.floor(utcMicros / US_PER_MS)));
  const short = parts.find((p) => p.type === "timeZoneName")?.value ?? "";
  return /^GMT[+-]/.test(short) ? offsetText(offset) : short;
}

function keywords(args: unknown[]): Record<string, unknown> {
  const last = args[args.length - 1];
  return last && typeof last === "object" && !(last instanceof PyDate) ? (last as Record<string, unknown>) : {};
}

function num(v: unknown, dflt: number): number {
  return v === undefined || v === null ? dflt : Number(v);
}
