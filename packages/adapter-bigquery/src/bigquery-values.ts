/** A field of a BigQuery result or table schema, as the REST API describes it. */
export interface SchemaField {
  name: string;
  type: string;
  mode?: string;
  fields?: SchemaField[];
  description?: string;
}

/** A raw REST row: `{f: [{v: …}, …]}`. */
export interface RawRow {
  f: { v: unknown }[];
}

/** The REST API's legacy type names, as GoogleSQL spells them (what dbt-bigquery shows). */
const STANDARD_NAMES: Record<string, string> = {
  INTEGER: "INT64",
  FLOAT: "FLOAT64",
  BOOLEAN: "BOOL",
  RECORD: "STRUCT",
};

/**
 * The GoogleSQL type of a schema field: `INT64`, `STRING`, `NUMERIC`, `STRUCT<a INT64, b STRING>`,
 * `ARRAY<…>` for a REPEATED field.
 */
export function standardTypeName(field: SchemaField): string {
  const base = STANDARD_NAMES[field.type.toUpperCase()] ?? field.type.toUpperCase();
  const inner = base === "STRUCT" && field.fields ? `STRUCT<${field.fields.map((f) => `${f.name} ${standardTypeName(f)}`).join(", ")}>` : base;
  return field.mode?.toUpperCase() === "REPEATED" ? `ARRAY<${inner}>` : inner;
}

/**
 * One cell of a REST row as plain JavaScript, matching the other adapters: INT64 a number (its
 * decimal string beyond 2^53), NUMERIC a number when exact, DATE `YYYY-MM-DD`, DATETIME
 * `YYYY-MM-DD HH:MM:SS[.ffffff]`, TIMESTAMP the same in UTC with `+00:00`, BOOL a boolean,
 * BYTES base64, JSON text, STRUCT an object, REPEATED an array.
 */
export function cellValue(field: SchemaField, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (field.mode?.toUpperCase() === "REPEATED") {
    const items = Array.isArray(raw) ? (raw as { v: unknown }[]) : [];
    return items.map((item) => cellValue({ ...field, mode: "NULLABLE" }, item.v));
  }
  const type = field.type.toUpperCase();
  if (type === "RECORD" || type === "STRUCT") {
    const cells = (raw as RawRow).f ?? [];
    return Object.fromEntries((field.fields ?? []).map((f, i) => [f.name, cellValue(f, cells[i]?.v)]));
  }
  const text = String(raw);
  switch (type) {
    case "INTEGER":
    case "INT64": {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case "FLOAT":
    case "FLOAT64":
      return Number(text);
    case "NUMERIC":
    case "BIGNUMERIC":
    case "DECIMAL":
    case "BIGDECIMAL":
      return exactNumber(text);
    case "BOOLEAN":
    case "BOOL":
      return text === "true";
    case "DATETIME":
      return wallClock(text);
    case "TIMESTAMP":
      return timestampText(text);
    default:
      return text;
  }
}

/** A decimal string as a number when the number prints back the same value, else the string. */
function exactNumber(text: string): number | string {
  const n = Number(text);
  const canonical = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  return String(n) === canonical ? n : text;
}

/** `2024-01-02T03:04:05.5` → `2024-01-02 03:04:05.500000`; whole seconds keep no fraction. */
function wallClock(text: string): string {
  const [date, time = "00:00:00"] = text.split(/[T ]/);
  const [whole, fraction] = time.split(".");
  return fraction && /[1-9]/.test(fraction) ? `${date} ${whole}.${fraction.padEnd(6, "0").slice(0, 6)}` : `${date} ${whole}`;
}

/** A TIMESTAMP as BigQuery sends it (microseconds since the epoch, or seconds as a float) in UTC with `+00:00`. */
function timestampText(text: string): string {
  const micros = /^-?\d+$/.test(text) ? BigInt(text) : BigInt(Math.round(Number(text) * 1e6));
  const millis = Number(micros / 1000n);
  const iso = new Date(millis).toISOString(); // 2024-01-02T03:04:05.500Z
  const rest = Number(((micros % 1000000n) + 1000000n) % 1000000n);
  const fraction = rest === 0 ? "" : `.${String(rest).padStart(6, "0")}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}+00:00`;
}

/** Rows of a result as objects keyed by column name; repeated names get `_1`, `_2` suffixes. */
export function rowsOf(fields: SchemaField[], rows: RawRow[]): { names: string[]; rows: Record<string, unknown>[] } {
  const seen = new Map<string, number>();
  const names = fields.map((f) => {
    const count = seen.get(f.name) ?? 0;
    seen.set(f.name, count + 1);
    return count === 0 ? f.name : `${f.name}_${count}`;
  });
  return {
    names,
    rows: rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (let c = 0; c < fields.length; c++) out[names[c]!] = cellValue(fields[c]!, row.f[c]?.v);
      return out;
    }),
  };
}
