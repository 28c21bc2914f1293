/** What the driver tells about a result column. */
export interface DriverColumn {
  getName(): string;
  getType(): string;
  getScale(): number;
  getPrecision(): number;
  isNullable(): boolean;
}

/** A date or timestamp as snowflake-sdk returns it: a Date with Snowflake's exact parts. */
interface SfDateValue extends Date {
  getEpochSeconds(): number;
  getNanoSeconds(): number;
}

function isSfDate(value: unknown): value is SfDateValue {
  return value instanceof Date && typeof (value as Partial<SfDateValue>).getEpochSeconds === "function";
}

/** A whole number as a number when it fits exactly in a double, else its decimal text. */
export function wholeNumber(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/**
 * `YYYY-MM-DD HH:MM:SS[.ffffff]` of an instant in UTC, as Python prints a datetime (and so dbt):
 * microseconds, six digits, only when there are any.
 */
export function formatTimestamp(epochSeconds: number, nanoSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  const micros = Math.floor(nanoSeconds / 1000);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${micros > 0 ? `.${String(micros).padStart(6, "0")}` : ""}`;
}

/** The SQL type name of a result column, as Snowflake writes it (`NUMBER(38,0)`, `TIMESTAMP_NTZ`). */
export function typeName(column: DriverColumn): string {
  const type = column.getType().toLowerCase();
  if (type === "fixed") return `NUMBER(${column.getPrecision() || 38},${column.getScale() || 0})`;
  if (type === "real") return "FLOAT";
  if (type === "text") return "VARCHAR";
  return type.toUpperCase();
}

/**
 * A value of a result column as plain JavaScript, like the other adapters' values: whole
 * numbers as numbers when safe (else text), decimals and floats as numbers, dates
 * `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]` (UTC for zoned ones, with `+00:00`),
 * binary as hex text, booleans, text and semi-structured values as the driver reads them.
 * Numbers arrive as text (the driver's `fetchAsString: ['Number']`), so nothing is rounded.
 */
export function plainValue(value: unknown, column: DriverColumn): unknown {
  if (value === null || value === undefined) return null;
  const type = column.getType().toLowerCase();
  if (type === "fixed") return column.getScale() > 0 ? Number(value) : wholeNumber(String(value));
  if (type === "real") return Number(value);
  if (isSfDate(value)) {
    if (type === "date") return formatTimestamp(value.getEpochSeconds(), 0).slice(0, 10);
    const text = formatTimestamp(value.getEpochSeconds(), value.getNanoSeconds());
    return type === "timestamp_ntz" ? text : `${text}+00:00`;
  }
  if (Buffer.isBuffer(value)) return value.toString("hex");
  if (type === "time" && typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return String((value as { toJSON(): unknown }).toJSON());
  }
  return value;
}
