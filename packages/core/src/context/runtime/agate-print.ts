import { pyStr } from "@tsdbt/jinja";

/** What agate's `print_table()` takes. */
export interface PrintTableOptions {
  maxRows: number;
  maxColumns: number;
  maxColumnWidth: number;
  maxPrecision: number;
}

/** agate's defaults for `print_table()`. */
export const PRINT_TABLE_DEFAULTS: PrintTableOptions = { maxRows: 20, maxColumns: 6, maxColumnWidth: 20, maxPrecision: 3 };

const NUMERIC_TYPE = /int|numeric|decimal|float|double|real|number|serial|money/i;
const ELLIPSIS = "...";

/** A column is agate's Number when the warehouse says so, or when every value is a number. */
function isNumberColumn(type: string, cells: unknown[]): boolean {
  if (NUMERIC_TYPE.test(type)) return true;
  const present = cells.filter((v) => v !== null && v !== undefined);
  return present.length > 0 && present.every((v) => typeof v === "number" || typeof v === "bigint");
}

/** A column agate left-aligns: Text (anything but numbers, booleans, dates and times). */
function isTextColumn(type: string, cells: unknown[]): boolean {
  if (isNumberColumn(type, cells) || /bool|date|time/i.test(type)) return false;
  const present = cells.filter((v) => v !== null && v !== undefined);
  return !(present.length > 0 && present.every((v) => typeof v === "boolean" || v instanceof Date));
}

/** Digits after the decimal point of a number once trailing zeros are dropped (agate normalizes the Decimal: 264.0 has none). */
function decimalPlaces(value: unknown): number {
  const text = String(value);
  if (/e/i.test(text)) return 0;
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.slice(dot + 1).replace(/0+$/, "").length;
}

/** `value` with `places` decimals and thousands grouped, as agate formats a Number cell. */
function formatNumber(value: unknown, places: number): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  return n.toLocaleString("en-US", { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping: true });
}

/**
 * The text agate's `Table.print_table()` writes: a Markdown-like table of at most `maxRows` rows
 * and `maxColumns` columns (a `...` row and column say more were left out), numbers formatted with
 * the column's decimals (at most `maxPrecision`) and right-aligned like booleans and dates, text
 * left-aligned and cut to `maxColumnWidth` with `...`, NULL as nothing.
 */
export function formatAgateTable(names: string[], types: string[], rows: unknown[][], options: PrintTableOptions): string {
  const shown = names.slice(0, options.maxColumns).map((name, j) => {
    const cells = rows.map((r) => r[j]);
    return { name, number: isNumberColumn(types[j] ?? "", cells), left: isTextColumn(types[j] ?? "", cells), cells };
  });
  const printedRows = rows.slice(0, options.maxRows);
  const columns = shown.map((c) => {
    const columnPlaces = c.number ? Math.max(0, ...printedRows.map((r) => (r[shown.indexOf(c)] == null ? 0 : decimalPlaces(r[shown.indexOf(c)])))) : 0;
    const places = Math.min(options.maxPrecision, columnPlaces);
    // agate marks every number of a column cut to max_precision with an ellipsis
    const cut = columnPlaces > options.maxPrecision ? "\u2026" : "";
    const text = printedRows.map((r) => {
      const v = r[shown.indexOf(c)];
      const s = v === null || v === undefined ? "" : c.number ? formatNumber(v, places) + cut : pyStr(v);
      return s.length > options.maxColumnWidth ? `${s.slice(0, options.maxColumnWidth - ELLIPSIS.length)}${ELLIPSIS}` : s;
    });
    return { name: c.name, left: c.left, text };
  });
  if (names.length > options.maxColumns) columns.push({ name: ELLIPSIS, left: false, text: printedRows.map(() => ELLIPSIS) });
  const widths = columns.map((c) => Math.max(c.name.length, ...c.text.map((t) => t.length)));
  const pad = (text: string, j: number) => (columns[j]!.left ? text.padEnd(widths[j]!) : text.padStart(widths[j]!));
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const out = [line(columns.map((c) => c.name)), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`];
  printedRows.forEach((_r, i) => out.push(line(columns.map((c) => c.text[i]!))));
  if (rows.length > options.maxRows) out.push(line(columns.map(() => ELLIPSIS)));
  return out.join("\n");
}

/** A CSV field as Python's csv module writes it (quoted when it holds a comma, a quote or a line break). */
function csvField(value: unknown): string {
  const s = value === null || value === undefined ? "" : pyStr(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The text agate's `Table.print_csv()` writes: a header line, then one line per row. */
export function formatAgateCsv(names: string[], rows: unknown[][]): string {
  return [names.map(csvField).join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n");
}
