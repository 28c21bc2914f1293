/**
 * Time zones as dbt templates use them: `modules.pytz.utc`, `modules.pytz.timezone('Europe/Paris')`
 * (offsets from the platform's IANA database through Intl), `tz.localize(naive_dt)`,
 * `dt.astimezone(tz)`.
 */
export class PyTzInfo {
  private readonly format: Intl.DateTimeFormat | undefined;
  constructor(readonly zone: string) {
    this.format =
      zone === "UTC"
        ? undefined
        : new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  }

  /** The zone's offset from UTC, in minutes, at an instant (milliseconds since the epoch). */
  offsetAt(utcMs: number): number {
    if (!this.format) return 0;
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(utcMs))) if (p.type !== "literal") parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60000);
  }

  /** The offset, in minutes, that applies to a wall-clock time in this zone (the earlier one when ambiguous). */
  offsetForWall(wallMs: number): number {
    let offset = this.offsetAt(wallMs);
    for (let i = 0; i < 2; i++) offset = this.offsetAt(wallMs - offset * 60000);
    return offset;
  }

  private lmt: number | undefined;
  /**
   * The offset, in minutes, of a datetime this zone is attached to directly
   * (`datetime(…, tzinfo=tz)`, `dt.replace(tzinfo=tz)`) rather than through `localize`: as with
   * pytz, the zone's first offset, its local mean time for most zones (America/Los_Angeles -07:53),
   * rounded to the minute as pytz rounds it.
   */
  defaultOffset(): number {
    if (!this.format) return 0;
    if (this.lmt === undefined) {
      const utcMs = Date.UTC(1800, 0, 1);
      const parts: Record<string, number> = {};
      for (const p of this.format.formatToParts(new Date(utcMs))) if (p.type !== "literal") parts[p.type] = Number(p.value);
      const seconds = (Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - utcMs) / 1000;
      this.lmt = Math.floor((seconds + 30) / 60);
    }
    return this.lmt;
  }

  /** pytz's `localize(dt)`: the same wall time, in this zone. */
  localize(dt: { withZone: (tz: PyTzInfo) => unknown }): unknown {
    return dt.withZone(this);
  }
  /** pytz's `normalize(dt)`: the instant shown in this zone. */
  normalize(dt: { astimezone: (tz: PyTzInfo) => unknown }): unknown {
    return dt.astimezone(this);
  }
  toString(): string {
    return this.zone;
  }
}

/** UTC, shared. */
export const UTC = new PyTzInfo("UTC");

/** Raised for a zone name the IANA database does not know (pytz's UnknownTimeZoneError). */
export class UnknownTimeZoneError extends Error {}

/** `modules.pytz`: `utc`, `UTC`, `timezone(name)`, `all_timezones`. */
export function pytzModule() {
  const cache = new Map<string, PyTzInfo>();
  return {
    utc: UTC,
    UTC,
    timezone: (name: unknown): PyTzInfo => {
      const zone = String(name);
      if (zone.toUpperCase() === "UTC") return UTC;
      let tz = cache.get(zone);
      if (!tz) {
        try {
          tz = new PyTzInfo(zone);
        } catch {
          throw new UnknownTimeZoneError(`'${zone}'`);
        }
        cache.set(zone, tz);
      }
      return tz;
    },
    // listing the zones costs tens of milliseconds: only when asked
    get all_timezones(): string[] {
      return typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    },
  };
}
