import type { Column, SqlDialect } from "@tsdbt/adapter-api";
import type { CsvTable } from "./csv-reader";

/** What a seed column holds, as far as its cells tell. */
export type SeedColumnKind = "integer" | "bigint" | "float" | "boolean" | "date" | "timestamp" | "text";

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
/** agate's Date of a dbt seed: `%Y-%m-%d`. */
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** agate's DateTime of a dbt seed: `%Y-%m-%d %H:%M:%S`, nothing more. */
const TIMESTAMP = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})()$/;
/** dbt's ISO 8601 date-time: a `T` between date and time, seconds and their fraction optional (no time zone here). */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;
const INT32_MAX = 2147483647;

/** A calendar-valid date (rejects 2024-02-30, month 13). */
function isRealDate(year: string, month: string, day: string): boolean {
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999
  const d = new Date(0);
  d.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return d.getUTCFullYear() === Number(year) && d.getUTCMonth() === Number(month) - 1 && d.getUTCDate() === Number(day);
}

/** The fields of a timestamp cell in one of the two forms (`format`), or null. */
export function timestampFields(cell: string, format: "plain" | "iso"): { year: number; month: number; day: number; hour: number; minute: number; second: number; microsecond: number } | null {
  const m = (format === "plain" ? TIMESTAMP : ISO_TIMESTAMP).exec(cell);
  if (!m || !isRealDate(m[1]!, m[2]!, m[3]!) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
  const fraction = (m[7] ?? "").slice(0, 6).padEnd(6, "0");
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0), microsecond: Number(fraction) };
}

function isDate(cell: string): boolean {
  const m = DATE.exec(cell);
  return m !== null && isRealDate(m[1]!, m[2]!, m[3]!);
}

/**
 * Infers one kind per column from rows fed one at a time (so a large seed is never held in
 * memory), as agate's type tester does for dbt's seeds. Empty, blank and `null` cells are null
 * and say nothing, so a column with no values is integer (the first type dbt's agate inference
 * tries); a column of integers and decimals is float. A timestamp column's cells are all
 * `YYYY-MM-DD hh:mm:ss` or all ISO 8601 with a `T`: a mix of the two, or of dates and
 * timestamps, is text, as in dbt.
 */
export class ColumnKindInference {
  private readonly possible: { integer: boolean; float: boolean; boolean: boolean; date: boolean; timestamp: boolean; iso: boolean; seen: boolean; big: boolean }[];

  constructor(width: number) {
    this.possible = Array.from({ length: width }, () => ({ integer: true, float: true, boolean: true, date: true, timestamp: true, iso: true, seen: false, big: false }));
  }

  add(row: string[]): void {
    for (let c = 0; c < this.possible.length; c++) {
      const cell = row[c]!.trim();
      // null cells (empty, blank, `null` in any case) say nothing about the column
      if (cell === "" || cell.toLowerCase() === "null") continue;
      const p = this.possible[c]!;
      p.seen = true;
      if (p.integer && !INTEGER.test(cell)) p.integer = false;
      else if (p.integer && Math.abs(Number(cell)) > INT32_MAX) p.big = true;
      if (p.float && !FLOAT.test(cell)) p.float = false;
      if (p.boolean && !BOOLEAN.test(cell)) p.boolean = false;
      if (p.date && !isDate(cell)) p.date = false;
      if (p.timestamp && !timestampFields(cell, "plain")) p.timestamp = false;
      if (p.iso && !timestampFields(cell, "iso")) p.iso = false;
    }
  }

  kinds(): SeedColumnKind[] {
    return this.possible.map((p) => {
      if (!p.seen) return "integer";
      if (p.integer) return p.big ? "bigint" : "integer";
      if (p.float) return "float";
      if (p.boolean) return "boolean";
      if (p.date) return "date";
      if (p.timestamp || p.iso) return "timestamp";
      return "text";
    });
  }
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
