import { formatAgateTable } from "./runtime/agate-print";

/** A column as dbt's `format_columns` gives it: name, data type, and the two as one text compared. */
export interface FormattedColumn {
  name: string;
  data_type: string;
  formatted: string;
}

/** The heading of every failed contract's message. */
const FAILED =
  "This model has an enforced contract that failed.\nPlease ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.";

const HEADERS = ["column_name", "definition_type", "contract_type", "mismatch_reason"];

/** One row per difference between the model's columns (`sql`) and its contract's (`yaml`), sorted by column name. */
function mismatches(yaml: readonly FormattedColumn[], sql: readonly FormattedColumn[]): string[][] {
  const rows: string[][] = [];
  for (const column of sql) {
    const declared = yaml.find((y) => y.name === column.name);
    if (!declared) rows.push([column.name, column.data_type, "", "missing in contract"]);
    else if (declared.data_type !== column.data_type) rows.push([column.name, column.data_type, declared.data_type, "data type mismatch"]);
  }
  const defined = new Set(sql.map((c) => c.name));
  for (const column of yaml) if (!defined.has(column.name)) rows.push([column.name, "", column.data_type, "missing in definition"]);
  // a stable sort on the name, as Python's sorted()
  return rows.map((row, i) => ({ row, i })).sort((a, b) => (a.row[0]! < b.row[0]! ? -1 : a.row[0]! > b.row[0]! ? 1 : a.i - b.i)).map((x) => x.row);
}

/**
 * dbt's message for a model whose columns break its enforced contract: a table of each column
 * missing in the contract, missing in the model's query, or of another data type
 * (`| column_name | definition_type | contract_type | mismatch_reason |`); with no contract
 * columns at all, the sentence saying the `columns` specification is missing.
 */
export function contractErrorMessage(yaml: readonly FormattedColumn[], sql: readonly FormattedColumn[]): string {
  if (yaml.length === 0) return "This model has an enforced contract, and its 'columns' specification is missing";
  const table = formatAgateTable(HEADERS, HEADERS.map(() => "text"), mismatches(yaml, sql), {
    maxRows: Number.POSITIVE_INFINITY,
    maxColumns: Number.POSITIVE_INFINITY,
    maxColumnWidth: 50,
    maxPrecision: 3,
  });
  return `${FAILED}\n\n${table}\n`;
}

/** True when the model's columns keep the contract: as many, each named in the contract with the same formatted type. */
export function columnsKeepContract(yaml: readonly FormattedColumn[], sql: readonly FormattedColumn[]): boolean {
  if (yaml.length === 0 || yaml.length !== sql.length) return false;
  return sql.every((column) => yaml.find((y) => y.name === column.name)?.formatted === column.formatted);
}
