import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { QueryResult } from "@tsdbt/adapter-api";
import { parseCsv } from "../seeds/csv-reader";
import { PyDate, PyDateTime } from "@tsdbt/core";
import { agateNumber } from "../seeds/agate-number";
import { inferColumnKinds, seedColumns, timestampFields, type SeedColumnKind } from "../seeds/infer-column-types";
import { isNullCell } from "../seeds/null-cells";
import { configValue, type Materialization } from "./build-context";
import { runMaterializationMacro } from "./jinja-materialization";

/**
 * A CSV cell as agate gives it in dbt's `load_agate_table()`: numbers as exact Decimals (`1.50`
 * stays `1.50`, twenty digits stay twenty, `$1,000` is 1000), booleans, dates and timestamps as Python's date and
 * datetime, text as written; a null cell (empty, blank, `null`) is None.
 */
export function seedCellValue(cell: string, kind: SeedColumnKind): unknown {
  if (isNullCell(cell)) return null;
  const text = cell.trim();
  if (kind === "integer" || kind === "bigint" || kind === "float") return agateNumber(text) ?? cell;
  if (kind === "boolean") return text.toLowerCase() === "true";
  if (kind === "date") {
    const [year, month, day] = text.split("-").map(Number);
    return new PyDate(year!, month!, day!);
  }
  if (kind === "timestamp") {
    const t = timestampFields(text, "plain") ?? timestampFields(text, "iso");
    return t ? PyDateTime.of(t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond) : cell;
  }
  return cell;
}

/**
 * A seed whose `{% materialization seed %}` the root project defines: the macro runs as a model's
 * Jinja materialization would, and `load_agate_table()` gives it the CSV as an agate table — the
 * column types those tsdbt's own seeds would create (`column_types` applied), cells typed as agate
 * types them (see {@link seedCellValue}).
 * A column named in `column_types` holds text, as dbt reads it (`008` stays `'008'`).
 */
export const jinjaSeedMaterialization: Materialization = async (context) => {
  const { node } = context;
  const file = node.original_file_path;
  const table = parseCsv(await readFile(join(context.projectDir, file), "utf8"), configValue(node, "delimiter", ","), file);
  const columnTypes = configValue<Record<string, string>>(node, "column_types", {});
  const typed = new Set(Object.keys(columnTypes).map((name) => name.toLowerCase()));
  const kinds = inferColumnKinds(table).map((kind, i) => (typed.has(table.header[i]!.toLowerCase()) ? "text" : kind));
  const columns = seedColumns(table.header, kinds, context.adapter.dialect, columnTypes);
  const result: QueryResult = {
    columns: columns.map((c) => ({ name: c.name, type: c.dataType })),
    rows: table.rows.map((cells) => Object.fromEntries(table.header.map((name, i) => [name, seedCellValue(cells[i] ?? "", kinds[i]!)]))),
  };
  return runMaterializationMacro(context, undefined, result);
};
