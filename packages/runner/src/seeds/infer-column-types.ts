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
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
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
 * Infers one kind per column in a single pass over the rows. Empty cells are null and say
 * nothing; a column of integers and decimals is float, of dates and timestamps is
 * timestamp; anything else mixed, or a column with no values, is text.
 */
export function inferColumnKinds(table: CsvTable): SeedColumnKind[] {
  const width = table.header.length;
  const possible = Array.from({ length: width }, () => ({ integer: true, float: true, boolean: true, date: true, timestamp: true, seen: false, big: false }));
  for (const row of table.rows) {
    for (let c = 0; c < width; c++) {
      const cell = row[c]!.trim();
      if (cell === "") continue;
      const p = possible[c]!;
      p.seen = true;
      if (p.integer && !INTEGER.test(cell)) p.integer = false;
      else if (p.integer && Math.abs(Number(cell)) > INT32_MAX) p.big = true;
      if (p.float && !FLOAT.test(cell)) p.float = false;
      if (p.boolean && !BOOLEAN.test(cell)) p.boolean = false;
      if (p.date && !isDate(cell)) p.date = false;
      if (p.timestamp && !isDate(cell) && !isTimestamp(cell)) p.timestamp = false;
    }
  }
  return possible.map((p) => {
    if (!p.seen) return "text";
    if (p.integer) return p.big ? "bigint" : "integer";
    if (p.float) return "float";
    if (p.boolean) return "boolean";
    if (p.date) return "date";
    if (p.timestamp) return "timestamp";
    return "text";
  });
}

/**
 * The seed's columns with SQL types: inferred kinds through the dialect, replaced by the
 * seed's `column_types` config where given (matched by column name, case-insensitively).
 */
export function seedColumns(table: CsvTable, dialect: SqlDialect, columnTypes: Record<string, string> = {}): Column[] {
  const overrides = new Map(Object.entries(columnTypes).map(([name, type]) => [name.toLowerCase(), type]));
  const kinds = inferColumnKinds(table);
  return table.header.map((name, i) => {
    const kind = kinds[i]!;
    const inferred = kind === "bigint" ? dialect.bigintType() : dialect.typeFor(kind);
    return { name, dataType: overrides.get(name.toLowerCase()) ?? inferred, index: i + 1 };
  });
}
