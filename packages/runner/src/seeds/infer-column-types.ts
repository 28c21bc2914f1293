import type { Column, SqlDialect } from "@tsdbt/adapter-api";
import type { CsvTable } from "./csv-reader";

/** What a seed column holds, as far as its cells tell. */
export type SeedColumnKind = "integer" | "bigint" | "float" | "boolean" | "date" | "timestamp" | "text";

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?$/;
const INT32_MAX = 2147483647;

/** A calendar-valid date (rejects 2024-02-30, month 13). */
function isRealDate(year: string, month: string, day: string): boolean {
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999
  const d = new Date(0);
  d.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  return d.getUTCFullYear() === Number(year) && d.getUTCMonth() === Number(month) - 1 && d.getUTCDate() === Number(day);
}

function isTimestamp(cell: string): boolean {
  const m = TIMESTAMP.exec(cell);
  return m !== null && isRealDate(m[1]!, m[2]!, m[3]!) && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[7] ?? 0) < 60;
}

function isDate(cell: string): boolean {
  const m = DATE.exec(cell);
  return m !== null && isRealDate(m[1]!, m[2]!, m[3]!);
}

/**
 * Infers one kind per column from rows fed one at a time (so a large seed is never held in
 * memory). Empty, blank and `null` cells are null and say nothing, so a column with no values is integer (the first
 * type dbt's agate inference tries); a column of integers and decimals is float, of dates and
 * timestamps is timestamp; anything else mixed is text.
 */
export class ColumnKindInference {
  private readonly possible: { integer: boolean; float: boolean; boolean: boolean; date: boolean; timestamp: boolean; seen: boolean; big: boolean }[];

  constructor(width: number) {
    this.possible = Array.from({ length: width }, () => ({ integer: true, float: true, boolean: true, date: true, timestamp: true, seen: false, big: false }));
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
      if (p.timestamp && !isDate(cell) && !isTimestamp(cell)) p.timestamp = false;
    }
  }

  kinds(): SeedColumnKind[] {
    return this.possible.map((p) => {
      if (!p.seen) return "integer";
      if (p.integer) return p.big ? "bigint" : "integer";
      if (p.float) return "float";
      if (p.boolean) return "boolean";
      if (p.date) return "date";
      if (p.timestamp) return "timestamp";
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
