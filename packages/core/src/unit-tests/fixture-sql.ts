import { PyFloat, pyStr } from "@tsdbt/jinja";
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

/** How fixture values become SQL: the project's `safe_cast(value, type)` and `string_literal(escape_single_quotes(text))`, as dbt's fixture macros call them. */
export interface FixtureSqlDialect {
  cast(valueSql: string, type: string): string;
  stringLiteral(text: string): string;
}

/** Plain `cast(v as type)` and `'text'` with quotes doubled. */
export const PLAIN_FIXTURE_SQL: FixtureSqlDialect = {
  cast: (valueSql, type) => `cast(${valueSql} as ${type})`,
  stringLiteral: (text) => `'${text.replace(/'/g, "''")}'`,
};

/** A value as SQL: text quoted, None null, other values as Python prints them (dbt: `True`, `3.5`); dates and structures as quoted text. */
function literal(value: unknown, dialect: FixtureSqlDialect): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return dialect.stringLiteral(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean" || value instanceof PyFloat) return pyStr(value);
  if (value instanceof Date) return dialect.stringLiteral(value.toISOString());
  return dialect.stringLiteral(typeof value === "object" ? JSON.stringify(value) : String(value));
}

function valueOf(row: Record<string, unknown>, column: string): { present: boolean; value: unknown } {
  if (column in row) return { present: true, value: row[column] };
  const key = Object.keys(row).find((k) => k.toLowerCase() === column.toLowerCase());
  return key === undefined ? { present: false, value: null } : { present: true, value: row[key] };
}

/**
 * A `select … union all select …` producing fixture rows with the given columns, laid out as
 * dbt's `get_fixture_sql` writes it (compiled SQL equals dbt's): `heading` first (dbt's
 * `-- Fixture for <name>`), each value given `safe_cast` to its column's type as that macro renders it,
 * each column a row leaves out `cast(null as type)`; with no rows, the null row and `limit 0`.
 * A column of unknown type takes its values uncast. Throws a coded error when there are no columns.
 */
export function fixtureSelect(rows: readonly Record<string, unknown>[], columns: readonly FixtureColumn[], quote: (id: string) => string, what: string, dialect: FixtureSqlDialect = PLAIN_FIXTURE_SQL, heading = ""): string {
  if (columns.length === 0) {
    throw new CompilerError(UnitTestErrorCode.invalidFixture, `${what} has no columns: give at least one row, or build the relation first so its columns are known.`);
  }
  const absent = (c: FixtureColumn) => (c.type ? dialect.cast("null", c.type).trim() : "null");
  const given = (value: unknown, c: FixtureColumn) => {
    if (!c.type) return literal(value, dialect);
    // dbt drops a varchar's length for text values, so that none is cut short
    const type = typeof value === "string" && c.type.includes("varying") ? c.type.split("(")[0]! : c.type;
    return dialect.cast(literal(value, dialect), type);
  };
  const select = (cells: string[]) => `select${columns.map((c, i) => ` ${cells[i]} as ${quote(c.name)}`).join(",")}`;
  if (rows.length === 0) return `${heading}${select(columns.map(absent))}\n    limit 0`;
  return heading + rows.map((row) => select(columns.map((c) => {
    const { present, value } = valueOf(row, c.name);
    return present ? given(value, c) : absent(c);
  }))).join("\nunion all\n");
}
