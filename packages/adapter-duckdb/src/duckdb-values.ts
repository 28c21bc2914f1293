import {
  DuckDBArrayValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBUnionValue,
  DuckDBVariantValue,
  type DuckDBValue,
} from "@duckdb/node-api";

/** A value as tsdbt hands it to templates and tests: JSON-like, structured-clone safe. */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/**
 * Converts one DuckDB value to plain JavaScript: integers become numbers (a BIGINT/HUGEINT
 * beyond 2^53 becomes its decimal string so no digit is lost), DECIMAL a number, DATE
 * `YYYY-MM-DD`, TIMESTAMP `YYYY-MM-DD HH:MM:SS[.ffffff]`, LIST/ARRAY an array, STRUCT an
 * object, MAP an object keyed by the key's text, UNION its member's value; every other type
 * (TIME, INTERVAL, UUID, BLOB, …) becomes DuckDB's own text for it.
 */
export function toPlainValue(value: DuckDBValue): PlainValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "boolean":
    case "string":
    case "number":
      return value;
    case "bigint":
      return bigintToPlain(value);
    default:
      break;
  }
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toPlainValue);
  if (value instanceof DuckDBStructValue) {
    const out: { [key: string]: PlainValue } = {};
    for (const [key, entry] of Object.entries(value.entries)) out[key] = toPlainValue(entry);
    return out;
  }
  if (value instanceof DuckDBMapValue) {
    const out: { [key: string]: PlainValue } = {};
    for (const entry of value.entries) out[String(toPlainValue(entry.key))] = toPlainValue(entry.value);
    return out;
  }
  if (value instanceof DuckDBUnionValue || value instanceof DuckDBVariantValue) return toPlainValue(value.value);
  if (isTimestamp(value)) return padFraction(value.toString());
  return String(value);
}

function bigintToPlain(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
}

function isTimestamp(value: object): value is { toString(): string } {
  return (
    value instanceof DuckDBTimestampValue ||
    value instanceof DuckDBTimestampTZValue ||
    value instanceof DuckDBTimestampSecondsValue ||
    value instanceof DuckDBTimestampMillisecondsValue ||
    value instanceof DuckDBTimestampNanosecondsValue
  );
}

/** DuckDB trims trailing zeros of fractional seconds; Python (and dbt) print six digits. */
function padFraction(text: string): string {
  return text.replace(/(\d{2}:\d{2}:\d{2})\.(\d{1,5})(?!\d)/, (_m, time: string, fraction: string) => `${time}.${fraction.padEnd(6, "0")}`);
}
