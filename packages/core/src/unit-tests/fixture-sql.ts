import { CompilerError } from "../context/compiler-error";
import { UnitTestErrorCode, type UnitTestExpected } from "./unit-test-definition";

/** A column of a fixture: its name and, when known, the SQL type its values are cast to. */
export interface FixtureColumn {
  name: string;
  type: string | null;
}

/** Fixture rows as values, or a query (format sql). */
export type FixtureData = { kind: "rows"; rows: Record<string, unknown>[] } | { kind: "sql"; sql: string };

/** Splits CSV text into rows of fields (quotes, doubled quotes, embedded newlines); an empty unquoted field is null. */
export function parseCsvRows(text: string): Record<string, unknown>[] {
  const records: (string | null)[][] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let record: (string | null)[] = [];
  const endField = () => {
    record.push(field === "" && !wasQuoted ? null : field);
    field = "";
    wasQuoted = false;
  };
  const src = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') field += src[i++];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = wasQuoted = true;
    else if (ch === ",") endField();
    else if (ch === "\n") {
      endField();
      records.push(record);
      record = [];
    } else field += ch;
  }
  endField();
  records.push(record);
  const header = (records.shift() ?? []).map((h) => (h ?? "").trim());
  return records.filter((r) => r.some((v) => v !== null)).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] === null || r[i] === undefined ? null : r[i]!.trim()])));
}

/** The rows (or query) of a fixture. */
export function fixtureData(fixture: Pick<UnitTestExpected, "rows" | "format">): FixtureData {
  if (fixture.format === "sql") return { kind: "sql", sql: String(fixture.rows ?? "") };
  // csv rows are read into mappings when the test is parsed; text only in a manifest written before that
  if (fixture.format === "csv") return { kind: "rows", rows: Array.isArray(fixture.rows) ? fixture.rows : parseCsvRows(String(fixture.rows ?? "")) };
  return { kind: "rows", rows: Array.isArray(fixture.rows) ? fixture.rows : [] };
}

/** Column names used by fixture rows, in first-seen order. */
export function columnsOfRows(rows: readonly Record<string, unknown>[]): string[] {
  const seen = new Map<string, string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key.toLowerCase())) seen.set(key.toLowerCase(), key);
  return [...seen.values()];
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === "object") return `'${JSON.stringify(value).replace(/'/g, "''")}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

function valueOf(row: Record<string, unknown>, column: string): unknown {
  if (column in row) return row[column];
  const key = Object.keys(row).find((k) => k.toLowerCase() === column.toLowerCase());
  return key === undefined ? null : row[key];
}

/**
 * A `select … union all select …` producing fixture rows with the given columns: each value is
 * cast to its column's type when known (columns a row leaves out are null). With no rows it
 * selects nothing but still has the columns. Throws a coded error when there are no columns.
 */
export function fixtureSelect(rows: readonly Record<string, unknown>[], columns: readonly FixtureColumn[], quote: (id: string) => string, what: string): string {
  if (columns.length === 0) {
    throw new CompilerError(UnitTestErrorCode.invalidFixture, `${what} has no columns: give at least one row, or build the relation first so its columns are known.`);
  }
  const cell = (value: unknown, c: FixtureColumn) => `${c.type ? `cast(${literal(value)} as ${c.type})` : literal(value)} as ${quote(c.name)}`;
  if (rows.length === 0) return `select ${columns.map((c) => cell(null, c)).join(", ")} where 1 = 0`;
  return rows.map((row) => `select ${columns.map((c) => cell(valueOf(row, c.name), c)).join(", ")}`).join("\nunion all\n");
}
