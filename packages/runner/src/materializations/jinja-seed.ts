import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { QueryResult } from "@tsdbt/adapter-api";
import { parseCsv } from "../seeds/csv-reader";
import { inferColumnKinds, seedColumns, type SeedColumnKind } from "../seeds/infer-column-types";
import { isNullCell } from "../seeds/null-cells";
import { configValue, type Materialization } from "./build-context";
import { runMaterializationMacro } from "./jinja-materialization";

/** A CSV cell as the value of its column's kind (an empty, blank or `null` cell is null, as agate reads it for dbt; dates stay text). */
function cellValue(cell: string, kind: SeedColumnKind): unknown {
  if (isNullCell(cell)) return null;
  if (kind === "integer" || kind === "bigint" || kind === "float") return Number(cell);
  // a boolean column holds only true and false (in any case, blanks around them aside)
  if (kind === "boolean") return cell.trim().toLowerCase() === "true";
  return cell;
}

/**
 * A seed whose `{% materialization seed %}` the root project defines: the macro runs as a model's
 * Jinja materialization would, and `load_agate_table()` gives it the CSV as an agate table — the
 * column types those tsdbt's own seeds would create (`column_types` applied), numbers and booleans
 * typed, empty, blank and `null` cells None. A column named in `column_types` holds text, as dbt
 * reads it (`008` stays `'008'`).
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
    rows: table.rows.map((cells) => Object.fromEntries(table.header.map((name, i) => [name, cellValue(cells[i]!, kinds[i]!)]))),
  };
  return runMaterializationMacro(context, undefined, result);
};
