import { describedTypeName } from "@tsdbt/adapter-api";
import type { FormattedColumn } from "./contract-error";

/** `get_empty_subquery_sql(sql, header)`: a query with the columns of `sql` and no rows. */
export function emptySubquerySql(sql: string, header?: string | null): string {
  return `${header ?? ""}select * from (\n    ${sql}\n) as __dbt_sbq\nwhere false\nlimit 0`;
}

/** `get_empty_schema_sql(columns)`: `select cast(null as <type>) as <name>, …` for declared columns. */
export function emptySchemaSql(columns: readonly { name: string; data_type: string }[]): string {
  return `select\n${columns.map((c) => `    cast(null as ${c.data_type}) as ${c.name}`).join(",\n")}`;
}

/** Columns declared `numeric`, `decimal` or `number` without precision and scale (dbt warns: rounding). */
export function numericColumnsWithoutScale(columns: readonly { name: string; data_type: string }[]): string[] {
  return columns.filter((c) => ["numeric", "decimal", "number"].includes(c.data_type.trim().toLowerCase())).map((c) => c.name);
}

/** dbt's warning for {@link numericColumnsWithoutScale} (its stray back quote included). */
export function numericWithoutScaleWarning(names: readonly string[]): string {
  return `Detected columns with numeric type and unspecified precision/scale, this can lead to unintended rounding: [${names.map((n) => `'${n}'`).join(", ")}]\``;
}

/** dbt's message for contract columns without a data type. */
export function missingDataTypeMessage(names: readonly string[]): string {
  return `Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the [${names.map((n) => `'${n}'`).join(", ")}] column(s).`;
}

/**
 * A query result's column as dbt's `format_columns` gives it: its type named as dbt's adapter names
 * it ({@link describedTypeName}, then `Column.create`'s label mapping), `formatted` as `name type`.
 */
export function formattedQueryColumn(name: string, type: string, adapterType: string, typeLabels: Readonly<Record<string, string>>): FormattedColumn {
  const described = describedTypeName(adapterType, type);
  const dataType = typeLabels[described.toUpperCase()] ?? described;
  return { name, data_type: dataType, formatted: `${name.toLowerCase()} ${dataType}` };
}
