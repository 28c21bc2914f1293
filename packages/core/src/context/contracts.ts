/**
 * Model contracts at run time, for the runner's TypeScript materializations and for the macros
 * of templates: the contract's columns and DDL, the queries that compare them with the model's,
 * and dbt's messages.
 */
import { columnFlavour } from "./runtime/column";

export { contractEnforced, contractColumns, contractDataType, modelConstraints, tableContractOf, columnsAndConstraintsText, selectSubqueryText, contractColumnName } from "./contract-table";
export { emptySubquerySql, emptySchemaSql, numericColumnsWithoutScale, numericWithoutScaleWarning, missingDataTypeMessage, formattedQueryColumn } from "./contract-check";
export { contractErrorMessage, columnsKeepContract, type FormattedColumn } from "./contract-error";

/** The type labels dbt's column class of `adapterType` translates (`STRING` → `TEXT`). */
export function typeLabelsOf(adapterType: string): Readonly<Record<string, string>> {
  return columnFlavour(adapterType).typeLabels;
}
