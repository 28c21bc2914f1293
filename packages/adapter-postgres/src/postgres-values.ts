import { nodePostgres } from "./node-postgres";

/** Type OIDs of the built-in types whose text form tsdbt reads itself. */
const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  time: 1083,
  timetz: 1266,
  interval: 1186,
  bytea: 17,
  money: 790,
} as const;

/** A whole number as a number when it fits exactly in a double, else its decimal text. */
export function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/** Fractional seconds padded to six digits, as Python (and dbt) print them: `10:00:00.5` → `10:00:00.500000`. */
export function padFraction(text: string): string {
  return text.replace(/(\d{2}:\d{2}:\d{2})\.(\d{1,5})(?!\d)/, (_m, time: string, fraction: string) => `${time}.${fraction.padEnd(6, "0")}`);
}

const identity = (text: string) => text;

/** A `numeric` value as the nearest number (`NaN`, `Infinity` and `-Infinity` too). */
export function parseNumeric(text: string): number {
  return text === "NaN" ? Number.NaN : Number(text);
}

/** Text parsers by type OID: values come out as plain JavaScript, like the DuckDB adapter's. */
const PARSERS = new Map<number, (text: string) => unknown>([
  [OID.int8, parseInt8],
  [OID.numeric, parseNumeric],
  [OID.date, identity],
  [OID.timestamp, padFraction],
  [OID.timestamptz, padFraction],
  [OID.time, identity],
  [OID.timetz, identity],
  [OID.interval, identity],
  [OID.bytea, identity],
  [OID.money, identity],
]);

/**
 * The `types` option of a pool: int8 a number when safe (else text), numeric a number,
 * date `YYYY-MM-DD`, timestamp `YYYY-MM-DD HH:MM:SS[.ffffff]`, timestamptz the same with its
 * offset, time/interval/bytea/money their PostgreSQL text; everything else as node-postgres reads
 * it (integers, floats, booleans, json, arrays). Set per pool, so other pg users in the process
 * keep their own parsers.
 */
export const plainValueTypes = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    if (format !== "binary") {
      const parser = PARSERS.get(oid);
      if (parser) return parser;
    }
    return (nodePostgres().types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown)(oid, format ?? "text");
  },
};
