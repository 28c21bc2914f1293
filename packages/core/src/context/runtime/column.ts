import type { Column as WarehouseColumn } from "@tsdbt/adapter-api";
import { hostFunction, PY_METHODS, PY_REPR, pyRepr, type HostMethod } from "@tsdbt/jinja";
import { CompilerError } from "../compiler-error";

const STRING_TYPES = ["text", "character varying", "character", "varchar"];
const FLOAT_TYPES = ["real", "float4", "float", "double precision", "float8", "double"];
const INTEGER_TYPES = ["smallint", "integer", "bigint", "smallserial", "serial", "bigserial", "int2", "int4", "int8", "serial2", "serial4", "serial8"];
const NUMERIC_TYPES = ["numeric", "decimal"];

/** How an adapter's column class differs from dbt's base `Column`. */
export interface ColumnFlavour {
  /** dbt's class name (`PostgresColumn`), shown by repr. */
  className: string;
  /** Postgres keeps `text` and unsized `character varying` as they are in `data_type`. */
  keepsUnsizedStrings: boolean;
  /** Type labels `translate_type` / `create` map (upper-case keys). */
  typeLabels: Record<string, string>;
  /** Precision and scale the catalogue reports for unsized numeric types (postgres: integer is 32, 0). */
  implicitPrecision?: Record<string, [number, number | null]>;
}

const POSTGRES_PRECISION: Record<string, [number, number | null]> = {
  smallint: [16, 0],
  integer: [32, 0],
  bigint: [64, 0],
  real: [24, null],
  "double precision": [53, null],
};

/** The flavour of an adapter's columns; unknown adapters get dbt's base Column. */
export function columnFlavour(adapterType: string): ColumnFlavour {
  switch (adapterType) {
    case "postgres":
      return { className: "PostgresColumn", keepsUnsizedStrings: true, typeLabels: { STRING: "TEXT" }, implicitPrecision: POSTGRES_PRECISION };
    case "duckdb":
      return { className: "DuckDBColumn", keepsUnsizedStrings: false, typeLabels: { STRING: "TEXT" } };
    case "bigquery":
      // BigQuery keeps `string` (a generic label elsewhere) and names numbers its own way
      return { className: "BigQueryColumn", keepsUnsizedStrings: false, typeLabels: { STRING: "STRING", TIMESTAMP: "TIMESTAMP", FLOAT: "FLOAT64", INTEGER: "INT64", RECORD: "RECORD" } };
    default:
      return { className: "Column", keepsUnsizedStrings: false, typeLabels: { STRING: "TEXT" } };
  }
}

/**
 * A column as dbt's `Column` models it (`adapter.get_columns_in_relation`, `api.Column.create`):
 * name, dtype, char_size, numeric precision and scale, with dbt's type predicates and the
 * `data_type` it renders in DDL (`character varying(256)`, `numeric(10,2)`).
 */
export class DbtColumn {
  constructor(
    readonly column: string,
    readonly dtype: string,
    readonly char_size: number | null,
    readonly numeric_precision: number | null,
    readonly numeric_scale: number | null,
    readonly flavour: ColumnFlavour,
  ) {}

  get name(): string {
    return this.column;
  }
  /** Always double-quoted, as dbt's base Column does. */
  get quoted(): string {
    return `"${this.column}"`;
  }
  get data_type(): string {
    const lower = this.dtype.toLowerCase();
    if (this.flavour.keepsUnsizedStrings && (lower === "text" || (lower === "character varying" && this.char_size === null))) return this.dtype;
    if (this.is_string()) return stringType(this.string_size());
    if (this.is_numeric()) return numericType(this.dtype, this.numeric_precision, this.numeric_scale);
    return this.dtype;
  }
  get expanded_data_type(): string {
    return this.data_type;
  }
  is_string(): boolean {
    return STRING_TYPES.includes(this.dtype.toLowerCase());
  }
  is_float(): boolean {
    return FLOAT_TYPES.includes(this.dtype.toLowerCase());
  }
  is_integer(): boolean {
    return INTEGER_TYPES.includes(this.dtype.toLowerCase());
  }
  is_numeric(): boolean {
    return NUMERIC_TYPES.includes(this.dtype.toLowerCase());
  }
  is_number(): boolean {
    return this.is_integer() || this.is_numeric() || this.is_float();
  }
  /** The declared length of a string column (256 for text or an unknown size). */
  string_size(): number {
    if (!this.is_string()) throw new CompilerError("TSDBT-E030", "Called string_size() on non-string field!");
    return this.dtype === "text" || this.char_size === null ? 256 : this.char_size;
  }
  /** True when both are strings and `other` is longer. */
  can_expand_to(other: DbtColumn): boolean {
    if (!this.is_string() || !(other instanceof DbtColumn) || !other.is_string()) return false;
    return other.string_size() > this.string_size();
  }
  /** `value::data_type`. */
  literal(value: unknown): string {
    return `${String(value)}::${this.data_type}`;
  }

  /** Python's repr of dbt's dataclass: `PostgresColumn(column='id', dtype='integer', …)`. */
  [PY_REPR](): string {
    return `${this.flavour.className}(column=${pyRepr(this.column)}, dtype=${pyRepr(this.dtype)}, char_size=${pyRepr(this.char_size)}, numeric_precision=${pyRepr(this.numeric_precision)}, numeric_scale=${pyRepr(this.numeric_scale)})`;
  }
  toString(): string {
    return this[PY_REPR]();
  }
  get [PY_METHODS](): Record<string, HostMethod> {
    return COLUMN_METHODS;
  }
}

const COLUMN_METHODS: Record<string, HostMethod> = {
  can_expand_to: (self: DbtColumn, a, k) => self.can_expand_to((a[0] ?? k.other_column) as DbtColumn),
  literal: (self: DbtColumn, a, k) => self.literal(a[0] ?? k.value),
};

/** dbt's `Column.string_type(size)`. */
export function stringType(size: unknown): string {
  return `character varying(${String(size)})`;
}

/** dbt's `Column.numeric_type(dtype, precision, scale)`: sized only when both are given. */
export function numericType(dtype: string, precision: unknown, scale: unknown): string {
  return precision === null || precision === undefined || scale === null || scale === undefined ? dtype : `${dtype}(${String(precision)},${String(scale)})`;
}

/**
 * Reads a type as the warehouse prints it (`character varying(256)`, `numeric(10,2)`) into
 * dbt's parts: base type, char size or numeric precision and scale. A size before more words
 * (`timestamp(3) without time zone`) is a precision dbt's catalogue does not report: dropped.
 */
export function columnFromDescription(name: string, rawType: string, flavour: ColumnFlavour, fromCatalogue = false): DbtColumn {
  const m = /^([^(]+)(\(([^)]+)\))?(.*)$/.exec(rawType.trim());
  if (!m) return new DbtColumn(name, rawType, null, null, null, flavour);
  const [, base, , size, rest] = m;
  if (rest.trim() !== "") return new DbtColumn(name, `${base.trim()} ${rest.trim()}`, null, null, null, flavour);
  if (size === undefined) {
    const implicit = fromCatalogue ? flavour.implicitPrecision?.[base.trim().toLowerCase()] : undefined;
    return new DbtColumn(name, base.trim(), null, implicit?.[0] ?? null, implicit?.[1] ?? null, flavour);
  }
  const parts = size.split(",").map((p) => Number(p.trim()));
  if (parts.some((p) => !Number.isInteger(p))) return new DbtColumn(name, rawType, null, null, null, flavour);
  if (parts.length === 1) return new DbtColumn(name, base.trim(), parts[0], null, null, flavour);
  return new DbtColumn(name, base.trim(), null, parts[0], parts[1], flavour);
}

/** A warehouse column as dbt's Column. */
export function columnFromWarehouse(column: WarehouseColumn, flavour: ColumnFlavour): DbtColumn {
  return columnFromDescription(column.name, column.dataType, flavour, true);
}

/**
 * `api.Column` (and `adapter.Column`): `create(name, dtype)`, `translate_type`, `string_type`,
 * `numeric_type`, `from_description`, and calling it like dbt's class constructor.
 */
export function columnApi(flavour: ColumnFlavour): unknown {
  const translate = (dtype: unknown) => flavour.typeLabels[String(dtype).toUpperCase()] ?? String(dtype);
  const construct = hostFunction((a, k) => {
    const [column, dtype, charSize, precision, scale] = a;
    const num = (v: unknown) => (v === undefined || v === null ? null : Number(v));
    return new DbtColumn(String(column ?? k.column), String(dtype ?? k.dtype), num(charSize ?? k.char_size), num(precision ?? k.numeric_precision), num(scale ?? k.numeric_scale), flavour);
  });
  return Object.assign(construct, {
    create: hostFunction(([name, dtype], k) => new DbtColumn(String(name ?? k.name), translate(dtype ?? k.label_or_dtype), null, null, null, flavour)),
    translate_type: (dtype: unknown) => translate(dtype),
    string_type: (size: unknown) => stringType(size),
    numeric_type: (dtype: unknown, precision: unknown, scale: unknown) => numericType(String(dtype), precision, scale),
    from_description: (name: unknown, raw: unknown) => columnFromDescription(String(name), String(raw), flavour),
    TYPE_LABELS: { ...flavour.typeLabels },
  });
}
