import {
  columnConstraintOf,
  constraintDialect,
  isConstraintType,
  modelConstraintOf,
  tableSpec,
  type ColumnConstraint,
  type ContractColumn,
  type ModelConstraint,
  type TableContract,
} from "@tsdbt/adapter-api";
import type { ColumnInfo, ManifestNode } from "../manifest/types";

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** True when a model's contract is enforced (`config.contract.enforced`). */
export function contractEnforced(node: Pick<ManifestNode, "config">): boolean {
  const contract = node.config.contract as { enforced?: unknown } | undefined;
  return contract?.enforced === true;
}

/** True unless the model's contract turns `alias_types` off. */
function aliasesTypes(node: Pick<ManifestNode, "config">): boolean {
  return (node.config.contract as { alias_types?: unknown } | undefined)?.alias_types !== false;
}

/**
 * A column's declared data type as the model context gives it: with `alias_types` on (the
 * default), a generic label is translated to the adapter's type (`string` → `TEXT`), as
 * dbt's `Column.translate_type`.
 */
export function contractDataType(node: Pick<ManifestNode, "config">, dataType: string, typeLabels: Readonly<Record<string, string>>): string {
  return aliasesTypes(node) ? (typeLabels[dataType.toUpperCase()] ?? dataType) : dataType;
}

/** The model's columns as its contract declares them, in YAML order, types translated; `data_type` null where missing. */
export function contractColumns(node: Pick<ManifestNode, "config" | "columns">, typeLabels: Readonly<Record<string, string>>): (Omit<ContractColumn, "data_type"> & { data_type: string | null })[] {
  return Object.values(node.columns as Record<string, ColumnInfo>).map((c) => ({
    name: c.name,
    quote: c.quote,
    data_type: typeof c.data_type === "string" ? contractDataType(node, c.data_type, typeLabels) : null,
    constraints: (c.constraints ?? []).filter((x): x is Record<string, unknown> => isRecord(x) && isConstraintType(x.type)).map(columnConstraintOf) as ColumnConstraint[],
  }));
}

/** The model's own constraints, with dbt's defaults. */
export function modelConstraints(node: Pick<ManifestNode, "constraints">): ModelConstraint[] {
  return (node.constraints ?? []).filter((x): x is Record<string, unknown> => isRecord(x) && isConstraintType(x.type)).map(modelConstraintOf);
}

/** A column's name as a contract's DDL writes it: quoted when the column says `quote: true`. */
export function contractColumnName(column: { name: string; quote?: boolean | null }, quote: (name: string) => string): string {
  return column.quote ? quote(column.name) : column.name;
}

/** `get_table_columns_and_constraints()`: the column definitions and model constraints in parentheses. */
export function columnsAndConstraintsText(columns: readonly string[], constraints: readonly string[]): string {
  return `(\n    ${[...columns, ...constraints].join(",\n    ")}\n)`;
}

/** `get_select_subquery(sql)`: the model's query under the contract's column list. */
export function selectSubqueryText(names: string, sql: string): string {
  return `select ${names}\nfrom (\n    ${sql}\n) as model_subq`;
}

/**
 * The DDL pieces of a contracted table for `adapterType` (typed columns with their constraints,
 * the model's constraints, the insert's column list, the filling query) and the warnings for
 * constraints the engine ignores or does not enforce. Columns without a data type are written
 * without one (the contract check refuses such a model first).
 */
export function tableContractOf(
  node: Pick<ManifestNode, "config" | "columns" | "constraints">,
  adapterType: string,
  typeLabels: Readonly<Record<string, string>>,
  quote: (name: string) => string,
  sql: string,
): { contract: TableContract; warnings: string[] } {
  const columns = contractColumns(node, typeLabels).map((c) => ({ ...c, data_type: c.data_type ?? "" }));
  const spec = tableSpec(columns, modelConstraints(node), constraintDialect(adapterType), quote);
  const names = columns.map((c) => contractColumnName(c, quote)).join(", ");
  return { contract: { columns: columnsAndConstraintsText(spec.columns, spec.constraints), names, select: selectSubqueryText(names, sql) }, warnings: spec.warnings };
}

/**
 * The node as templates see it (`model`): with `alias_types` on, its columns' data types translated
 * as dbt's model context translates them (`string` → `TEXT`). The node itself when nothing changes.
 */
export function modelWithAliasedTypes<T extends Pick<ManifestNode, "config" | "columns">>(node: T, typeLabels: Readonly<Record<string, string>>): T {
  if (!node.columns || !aliasesTypes(node)) return node;
  const changed = Object.values(node.columns).some((c) => typeof c.data_type === "string" && contractDataType(node, c.data_type, typeLabels) !== c.data_type);
  if (!changed) return node;
  const columns = Object.fromEntries(
    Object.entries(node.columns).map(([k, c]) => [k, typeof c.data_type === "string" ? { ...c, data_type: contractDataType(node, c.data_type, typeLabels) } : c]),
  );
  return { ...node, columns };
}
