import type { Column, SqlDialect } from "@tsdbt/adapter-api";
import type { CsvTable } from "./csv-reader";
import { agateNumber, decimalPlaces, loadedNumberText } from "./agate-number";

/** What a seed column holds, as far as its cells tell. */
export type SeedColumnKind = "integer" | "bigint" | "float" | "boolean" | "date" | "timestamp" | "text";

const BOOLEAN = /^(true|false)$/i;
/** agate's Date of a dbt seed: `%Y-%m-%d`. */
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** agate's DateTime of a dbt seed: `%Y-%m-%d %H:%M:%S`, nothing more. */
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;
/**
 * ISO 8601 date and time as dbt's ISODateTime reads them (isodate): an extended or basic date,
 * `T`, hours with optional minutes and seconds (with or without `:`), a fraction, and an optional
 * zone (`Z`, `±hh`, `±hhmm`, `±hh:mm`).
 */
const ISO_TIMESTAMP = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?(?:[.,](\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const INT32_MAX = 2147483647n;

/** A calendar-valid date (rejects 2024-02-30, month 13). */
function isRealDate(year: string, month: string, day: string): boolean {
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999
  const d = new Date(0);
  d.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return d.getUTCFullYear() === Number(year) && d.getUTCMonth() === Number(month) - 1 && d.getUTCDate() === Number(day);
}

/** The fields of a timestamp. */
export interface TimestampFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Minutes east of UTC when the cell names a zone (ISO form only), else null. */
  offsetMinutes: number | null;
}

/** The fields of a timestamp cell in one of the two forms (`format`), or null. */
export function timestampFields(cell: string, format: "plain" | "iso"): TimestampFields | null {
  const m = (format === "plain" ? TIMESTAMP : ISO_TIMESTAMP).exec(cell);
  if (!m || !isRealDate(m[1]!, m[2]!, m[3]!) || Number(m[4]) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59) return null;
  const fraction = (format === "iso" ? m[7] ?? "" : "").slice(0, 6).padEnd(6, "0");
  const zone = format === "iso" ? m[8] : undefined;
  const z = zone === undefined || zone === "Z" ? null : /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const offsetMinutes = zone === undefined ? null : z ? (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) : 0;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), microsecond: Number(fraction), offsetMinutes };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The text a timestamp cell loads as: `YYYY-MM-DD hh:mm:ss[.ffffff]`; a cell with a zone in UTC,
 * as dbt's driver sends it (an aware datetime, which a `timestamp` column takes in the session's
 * time zone: this is exact where that zone is UTC, PostgreSQL's default).
 */
export function loadedTimestampText(t: TimestampFields): string {
  // the time of day moved to UTC, and by how many days that moves the date
  const shifted = new Date(Date.UTC(2000, 0, 1, t.hour, t.minute - (t.offsetMinutes ?? 0), t.second));
  const dayShift = Math.floor((shifted.getTime() - Date.UTC(2000, 0, 1)) / 86400000);
  const date = new Date(0);
  date.setUTCFullYear(t.year, t.month - 1, t.day + dayShift);
  const fraction = t.microsecond ? `.${pad(t.microsecond, 6)}` : "";
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}${fraction}`;
}

function isDate(cell: string): boolean {
  const m = DATE.exec(cell);
  return m !== null && isRealDate(m[1]!, m[2]!, m[3]!);
}

/** Cells every engine loads as they are into an integer or a float column. */
const PLAIN_INTEGER = /^[+-]?\d+$/;
const PLAIN_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** ISO cells every engine loads as they are into a timestamp column (no zone, seconds given). */
const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

interface ColumnEvidence {
  number: boolean;
  /** A finite value has decimals (agate's MaxPrecision above 0): dbt makes the column a float. */
  decimals: boolean;
  big: boolean;
  boolean: boolean;
  date: boolean;
  timestamp: boolean;
  iso: boolean;
  seen: boolean;
  /** Every cell is a plain integer / plain decimal / plain ISO timestamp an engine loads as written. */
  plainInteger: boolean;
  plainFloat: boolean;
  plainIso: boolean;
}

/**
 * Infers one kind per column from rows fed one at a time (so a large seed is never held in
 * memory), as agate's type tester does for dbt's seeds. Empty, blank and `null` cells are null
 * and say nothing, so a column with no values is integer (the first type dbt's agate inference
 * tries). Numbers are what agate's Number reads (`1,000`, `$5`, `5%`, `1e3`, `NaN`, `-inf`):
 * integer unless a finite value has decimals once trailing zeros go (`1.0` is whole), as
 * dbt-postgres decides (a whole number past 32 bits makes it bigint, where dbt's insert fails).
 * A timestamp column's cells are all `YYYY-MM-DD hh:mm:ss` or all ISO 8601 with a `T` (a zone
 * allowed): a mix of the two, or of dates and timestamps, is text, as in dbt.
 */
export class ColumnKindInference {
  private readonly possible: ColumnEvidence[];

  constructor(width: number) {
    this.possible = Array.from({ length: width }, () => ({ number: true, decimals: false, big: false, boolean: true, date: true, timestamp: true, iso: true, seen: false, plainInteger: true, plainFloat: true, plainIso: true }));
  }

  add(row: string[]): void {
    for (let c = 0; c < this.possible.length; c++) {
      const cell = row[c]!.trim();
      // null cells (empty, blank, `null` in any case) say nothing about the column
      if (cell === "" || cell.toLowerCase() === "null") continue;
      const p = this.possible[c]!;
      p.seen = true;
      if (p.number && PLAIN_INTEGER.test(cell)) {
        // the common case, without reading a Decimal: a plain whole number
        const digits = cell.replace(/^[+-]?0*/, "");
        if (!p.big && digits.length >= 10 && BigInt(digits) > INT32_MAX) p.big = true;
      } else if (p.number && PLAIN_FLOAT.test(cell) && !/[eE]/.test(cell)) {
        p.plainInteger = false;
        if (/\.\d*[1-9]/.test(cell)) p.decimals = true;
        else if (!p.big && BigInt(cell.replace(/^[+-]/, "").replace(/\..*$/, "") || "0") > INT32_MAX) p.big = true;
      } else if (p.number) {
        const value = agateNumber(cell);
        if (value === null) p.number = false;
        else {
          if (decimalPlaces(value) > 0) p.decimals = true;
          else if (!value.isSpecial && BigInt(loadedNumberText(value, true).replace("-", "")) > INT32_MAX) p.big = true;
          if (p.plainInteger && !PLAIN_INTEGER.test(cell)) p.plainInteger = false;
          if (p.plainFloat && (!PLAIN_FLOAT.test(cell) || value.isSpecial)) p.plainFloat = false;
        }
      }
      if (p.boolean && !BOOLEAN.test(cell)) p.boolean = false;
      if (p.date && !isDate(cell)) p.date = false;
      if (p.timestamp && !timestampFields(cell, "plain")) p.timestamp = false;
      if (p.iso && !timestampFields(cell, "iso")) p.iso = false;
      if (p.iso && p.plainIso && !PLAIN_ISO.test(cell)) p.plainIso = false;
    }
  }

  kinds(): SeedColumnKind[] {
    return this.possible.map((p) => {
      if (!p.seen) return "integer";
      if (p.number) return p.decimals ? "float" : p.big ? "bigint" : "integer";
      if (p.boolean) return "boolean";
      if (p.date) return "date";
      if (p.timestamp || p.iso) return "timestamp";
      return "text";
    });
  }

  /**
   * Per column, whether its cells must be rewritten before an engine loads them (see
   * {@link loadedCellText}): numbers agate reads but an engine would not (`1,000`, `$5`, `1.0`
   * into an integer column, NaN and Infinity), ISO timestamps with a zone or without seconds.
   */
  rewrites(): boolean[] {
    const kinds = this.kinds();
    return this.possible.map((p, i) => {
      const kind = kinds[i]!;
      if (!p.seen) return false;
      if (kind === "integer" || kind === "bigint") return !p.plainInteger;
      if (kind === "float") return !p.plainFloat;
      if (kind === "timestamp") return !p.timestamp && !p.plainIso;
      return false;
    });
  }
}

/**
 * The text a non-null cell of a column of `kind` loads as: a number as dbt's driver sends agate's
 * Decimal ({@link loadedNumberText}), an ISO timestamp as `YYYY-MM-DD hh:mm:ss[.ffffff]` in UTC
 * when it names a zone; anything else as written.
 */
export function loadedCellText(cell: string, kind: SeedColumnKind): string {
  const text = cell.trim();
  if (kind === "integer" || kind === "bigint" || kind === "float") {
    const value = agateNumber(text);
    return value ? loadedNumberText(value, kind !== "float") : cell;
  }
  if (kind === "timestamp") {
    const t = timestampFields(text, "iso");
    return t ? loadedTimestampText(t) : cell;
  }
  return cell;
}

/** Infers one kind per column of a parsed table (see {@link ColumnKindInference}). */
export function inferColumnKinds(table: CsvTable): SeedColumnKind[] {
  const inference = new ColumnKindInference(table.header.length);
  for (const row of table.rows) inference.add(row);
  return inference.kinds();
}

/**
 * The seed's columns with SQL types: inferred kinds through the dialect, replaced by the
 * seed's `column_types` config where given (matched by column name, case-insensitively).
 */
export function seedColumns(header: string[], kinds: SeedColumnKind[], dialect: SqlDialect, columnTypes: Record<string, string> = {}): Column[] {
  const overrides = new Map(Object.entries(columnTypes).map(([name, type]) => [name.toLowerCase(), type]));
  return header.map((name, i) => {
    const kind = kinds[i]!;
    const inferred = kind === "bigint" ? dialect.bigintType() : dialect.typeFor(kind);
    return { name, dataType: overrides.get(name.toLowerCase()) ?? inferred, index: i + 1 };
  });
}
