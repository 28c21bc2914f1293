import type { QueryResult } from "@tsdbt/adapter-api";
import { PyDecimal, PyFloat, PY_REPR, PY_METHODS, toFloat, type HostMethod } from "@tsdbt/jinja";

/** Warehouse type names whose values Python's drivers return as floats (`double precision`, `real`, DuckDB's `DOUBLE`, `FLOAT64`). */
const FLOAT_TYPE = /^(double precision|double|real|float\d*|float)$/i;
/** Integer type names (dbt's agate `Integer` type keeps such values as they are). */
const INTEGER_TYPE = /^(integer|int\d*|bigint|smallint|tinyint|hugeint|ubigint|uinteger|usmallint|utinyint|int64|number\(\d+,\s*0\))$/i;
/** Fixed-point type names, whose values Python's drivers return as Decimals; the scale, when the name gives one. */
const DECIMAL_TYPE = /^(numeric|decimal|number|bignumeric|bigdecimal)\b(?:\s*\(\s*\d+\s*(?:,\s*(\d+)\s*)?\))?$/i;

/** Whether values of a column of this warehouse type are floats in Python. */
export function isFloatType(typeName: string): boolean {
  return FLOAT_TYPE.test(typeName.trim());
}

/**
 * One column's cells as dbt's agate table holds a query result: agate casts the floats and
 * Decimals Python's driver returns to Decimals (its Number type: a float's `Decimal(repr(f))`,
 * `3.0` for a whole float), and keeps ints (dbt's Integer type), text, booleans and dates.
 * A fixed-point value is exact where the engine gave its text (`1.50`), else read with the
 * type's scale.
 */
function pythonCells(type: string, values: unknown[], texts: (string | null)[] | undefined): unknown[] {
  const trimmed = type.trim();
  if (INTEGER_TYPE.test(trimmed)) return values;
  const decimal = DECIMAL_TYPE.exec(trimmed);
  const float = FLOAT_TYPE.test(trimmed);
  return values.map((value, row) => {
    if (typeof value !== "number") return value instanceof PyFloat ? PyDecimal.fromFloatRepr(value.value) : value;
    if (decimal) {
      const text = texts?.[row];
      const scale = decimal[2] === undefined ? undefined : Number(decimal[2]);
      return PyDecimal.parse(text ?? (scale !== undefined && Number.isFinite(value) ? value.toFixed(scale) : String(value)))!;
    }
    // a float column, or a number a driver gave for a type tsdbt does not name (Python's int stays an int)
    return float || !Number.isInteger(value) ? PyDecimal.fromFloatRepr(value) : value;
  });
}

/** A query result's rows as dbt's agate table holds them (see {@link pythonCells}); other results are returned as they are. */
export function pythonResult(result: QueryResult): QueryResult {
  const names = result.columns.map((c) => c.name);
  const columns = result.columns.map((c) => pythonCells(c.type, result.rows.map((r) => r[c.name]), result.decimalTexts?.[c.name]));
  const rows = result.rows.map((_r, i) => Object.fromEntries(names.map((n, c) => [n, columns[c]![i]])));
  const { decimalTexts: _exact, ...rest } = result;
  return { ...rest, rows };
}

/** One of agate's data types, as a column's `data_type` (what `jsonify(value)` makes of a cell). */
export interface AgateDataType {
  name: "Integer" | "Number" | "Boolean" | "Text";
}

const DATA_TYPE_METHODS: Record<string, HostMethod> = {
  // Number gives a float; dbt's Integer, Boolean and Text give the value itself
  jsonify: (self: AgateDataType, args: unknown[], kwargs: Record<string, unknown>) => {
    const value = args.length > 0 ? args[0] : kwargs.d;
    if (value === null || value === undefined) return null;
    if (self.name === "Number" && (typeof value === "number" || value instanceof PyDecimal)) return toFloat(Number(value));
    return value;
  },
};

const isNumeric = (v: unknown): boolean => typeof v === "number" || v instanceof PyFloat || v instanceof PyDecimal;

/** The agate data type of a column of a query result: from the warehouse's type name, else from its values. */
export function agateDataType(typeName: string, values: readonly unknown[]): AgateDataType {
  const present = values.filter((v) => v !== null && v !== undefined);
  let name: AgateDataType["name"];
  if (INTEGER_TYPE.test(typeName.trim())) name = "Integer";
  else if (present.length > 0 && present.every((v) => typeof v === "boolean")) name = "Boolean";
  else if (present.length > 0 && present.every(isNumeric)) name = present.every((v) => typeof v === "number" && Number.isInteger(v)) && !isFloatType(typeName) && !DECIMAL_TYPE.test(typeName.trim()) ? "Integer" : "Number";
  else if (present.length === 0) name = "Integer";
  else name = "Text";
  return new DataType(name);
}

/** A class, not a plain object: templates see a host object with methods, not a dict. */
class DataType implements AgateDataType {
  constructor(readonly name: AgateDataType["name"]) {}
  get [PY_METHODS](): Record<string, HostMethod> {
    return DATA_TYPE_METHODS;
  }
  [PY_REPR](): string {
    return `<agate.data_types.${this.name} object>`;
  }
}
