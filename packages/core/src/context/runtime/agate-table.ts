import type { QueryResult } from "@tsdbt/adapter-api";
import { hostFunction, numberOf, pyEquals, PY_METHODS, PY_REPR, pyRepr, Tuple, type HostMethod } from "@tsdbt/jinja";

/** Python's order of two values of one column: numbers by value, anything else by its text. */
function pythonOrder(a: unknown, b: unknown): number {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) return x - y;
  const [p, q] = [String(a), String(b)];
  return p < q ? -1 : p > q ? 1 : 0;
}
import { formatAgateCsv, formatAgateTable, PRINT_TABLE_DEFAULTS } from "./agate-print";
import { agateDataType, pythonResult, type AgateDataType } from "./agate-data-types";
import { tableMethods } from "./agate-table-methods";

/**
 * agate's MappedSequence, as templates use it: a list (iteration, `[0]`, `| length`) whose items
 * can also be read by key (`row['id']`, `row.id`, `table.columns['id']`), with the mapping
 * methods `keys()`, `values()`, `items()`, `get(key, default)` and `dict()`.
 */
export type MappedSequence<T> = T[] & Record<string, unknown>;

const MAPPED_SEQUENCE_METHODS: Record<string, HostMethod> = {
  keys: (self: MappedSequence<unknown>) => Tuple.create(keysOf(self)),
  values: (self: MappedSequence<unknown>) => Tuple.create(self),
  items: (self: MappedSequence<unknown>) => Tuple.create(keysOf(self).map((k, i) => Tuple.create([k, self[i]]))),
  get: (self: MappedSequence<unknown>, args: unknown[], kwargs: Record<string, unknown>) => {
    const key = String(args[0] ?? kwargs.key);
    const i = keysOf(self).indexOf(key);
    const dflt = args.length > 1 ? args[1] : kwargs.default;
    return i >= 0 ? self[i] : dflt || null;
  },
  dict: (self: MappedSequence<unknown>) => Object.fromEntries(keysOf(self).map((k, i) => [k, self[i]])),
};

const KEYS = Symbol("agate keys");

function keysOf(seq: MappedSequence<unknown>): string[] {
  return (seq as unknown as { [KEYS]: string[] })[KEYS];
}

/** Builds a MappedSequence of `values` under `keys` (same length), printed as agate prints it. */
export function mappedSequence<T>(values: readonly T[], keys: readonly string[], kind: string): MappedSequence<T> {
  const seq = [...values] as MappedSequence<T>;
  Object.defineProperty(seq, KEYS, { value: [...keys] });
  Object.defineProperty(seq, PY_METHODS, { value: MAPPED_SEQUENCE_METHODS });
  Object.defineProperty(seq, PY_REPR, {
    value: () => {
      const sample = values.slice(0, 5).map(pyRepr).join(", ");
      return `<agate.${kind}: (${sample}${values.length > 5 ? ", ..." : ""})>`;
    },
  });
  keys.forEach((k, i) => {
    if (!/^\d+$/.test(k) && !(k in Array.prototype)) (seq as Record<string, unknown>)[k] = values[i];
  });
  return seq;
}

/** One column of a query result: a MappedSequence of its cells, plus `name`, `data_type` (agate's type: `jsonify()`) and `values_without_nulls()`. */
export type AgateColumn = MappedSequence<unknown> & { name: string; data_type: AgateDataType; index: number };

function agateColumn(name: string, index: number, dataType: AgateDataType, cells: unknown[]): AgateColumn {
  const col = [...cells] as AgateColumn;
  Object.defineProperty(col, PY_METHODS, {
    value: {
      values: (self: unknown[]) => Tuple.create(self),
      values_without_nulls: (self: unknown[]) => Tuple.create(self.filter((v) => v !== null && v !== undefined)),
      // equal values once (agate's set: Decimal('10') and Decimal('10.0') are one)
      values_distinct: (self: unknown[]) => Tuple.create(self.filter((v, i) => self.findIndex((w) => pyEquals(v, w)) === i)),
      // a list, in Python's order (numbers by value, not as text)
      values_sorted: (self: unknown[]) => [...self].filter((v) => v !== null && v !== undefined).sort(pythonOrder),
    } satisfies Record<string, HostMethod>,
  });
  Object.defineProperty(col, PY_REPR, { value: () => `<agate.Column: (${cells.slice(0, 5).map(pyRepr).join(", ")}${cells.length > 5 ? ", ..." : ""})>` });
  col.name = name;
  col.data_type = dataType;
  col.index = index;
  return col;
}

/**
 * A query result shaped like the agate Table dbt hands templates (`run_query`, `load_result(...).table`):
 * a list of rows (iteration, `[0]`, `| length`) with `rows`, `columns`, `column_names`,
 * `column_types`, and `print_table()` / `print_csv()`, which write as agate writes.
 */
export type AgateTable = MappedSequence<MappedSequence<unknown>> & {
  rows: MappedSequence<MappedSequence<unknown>>;
  columns: MappedSequence<AgateColumn>;
  column_names: Tuple<string>;
  column_types: Tuple<string>;
};

/**
 * Wraps a query result as an {@link AgateTable}; `print_table()` and `print_csv()` write to `print` (standard output in dbt).
 * `fromWarehouse`: the rows are what a warehouse query returned, so float and fixed-point columns' numbers become agate's Decimals.
 */
export function agateTable(queried: QueryResult, print: (text: string) => void = () => undefined, fromWarehouse = false): AgateTable {
  // agate holds a warehouse's floats and fixed-point numbers as Decimals (1.50, 3.0)
  const result = fromWarehouse ? pythonResult(queried) : queried;
  const names = result.columns.map((c) => c.name);
  const rows = result.rows.map((r) => mappedSequence(names.map((n) => r[n]), names, "Row"));
  const rowKeys = rows.map((_r, i) => String(i));
  const table = mappedSequence(rows, rowKeys, "MappedSequence") as AgateTable;
  table.rows = mappedSequence(rows, rowKeys, "MappedSequence");
  table.column_names = Tuple.create(names);
  table.column_types = Tuple.create(result.columns.map((c) => c.type));
  table.columns = mappedSequence(
    names.map((name, i) => agateColumn(name, i, agateDataType(result.columns[i].type, rows.map((r) => r[i])), rows.map((r) => r[i]))),
    names,
    "MappedSequence",
  );
  // agate prints to standard output and returns None
  const cells = rows.map((r) => [...r]);
  const types = result.columns.map((c) => c.type);
  // an argument left out takes agate's default; one given as None means no limit, as in agate
  const count = (value: unknown, fallback: number) => (value === undefined ? fallback : value === null ? Infinity : Number(value));
  table.print_table = hostFunction((args, kw) => {
    const d = PRINT_TABLE_DEFAULTS;
    const arg = (name: string, index: number) => (name in kw ? kw[name] : args[index]);
    print(
      formatAgateTable(names, types, cells, {
        maxRows: count(arg("max_rows", 0), d.maxRows),
        maxColumns: count(arg("max_columns", 1), d.maxColumns),
        maxColumnWidth: count(arg("max_column_width", 3), d.maxColumnWidth),
        maxPrecision: count(arg("max_precision", 5), d.maxPrecision),
      }),
    );
    return null;
  });
  table.print_csv = hostFunction(() => {
    print(formatAgateCsv(names, cells));
    return null;
  });
  table.print_structure = () => null;
  Object.assign(table, tableMethods(result, (derived) => agateTable(derived, print)));
  return table;
}

/** The empty table dbt's parse-time `adapter.execute` / `run_query` stand-ins give. */
export function emptyAgateTable(): AgateTable {
  return agateTable({ columns: [], rows: [] });
}
