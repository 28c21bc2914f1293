import { PyFloat, PY_REPR, PY_METHODS, type HostMethod } from "@tsdbt/jinja";

/** Warehouse type names whose values Python's drivers return as floats (`double precision`, `real`, DuckDB's `DOUBLE`, `FLOAT64`). */
const FLOAT_TYPE = /^(double precision|double|real|float\d*|float)$/i;
/** Integer type names (dbt's agate `Integer` type keeps such values as they are). */
const INTEGER_TYPE = /^(integer|int\d*|bigint|smallint|tinyint|hugeint|ubigint|uinteger|usmallint|utinyint|int64|number\(\d+,\s*0\))$/i;

/** Whether values of a column of this warehouse type are floats in Python. */
export function isFloatType(typeName: string): boolean {
  return FLOAT_TYPE.test(typeName.trim());
}

/**
 * A cell as Python's driver gives it: a float column's integral value prints `264.0` (a
 * {@link PyFloat}), as the float dbt's agate table holds does; other values are kept.
 */
export function pythonCell(value: unknown, float: boolean): unknown {
  return float && typeof value === "number" && Number.isInteger(value) ? new PyFloat(value) : value;
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
    if (self.name === "Number" && typeof value === "number") return Number.isInteger(value) ? new PyFloat(value) : value;
    return value;
  },
};

/** The agate data type of a column of a query result: from the warehouse's type name, else from its values. */
export function agateDataType(typeName: string, values: readonly unknown[]): AgateDataType {
  const present = values.filter((v) => v !== null && v !== undefined);
  let name: AgateDataType["name"];
  if (INTEGER_TYPE.test(typeName.trim())) name = "Integer";
  else if (present.length > 0 && present.every((v) => typeof v === "boolean")) name = "Boolean";
  else if (present.length > 0 && present.every((v) => typeof v === "number" || v instanceof PyFloat)) name = present.every((v) => typeof v === "number" && Number.isInteger(v)) && !isFloatType(typeName) && !/numeric|decimal|number/i.test(typeName) ? "Integer" : "Number";
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
