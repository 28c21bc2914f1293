import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { RunnerError, RunnerErrorCode } from "../runner-error";
import { scanCsv } from "../seeds/csv-reader";
import { ColumnKindInference, loadedCellText, seedColumns } from "../seeds/infer-column-types";
import { needsNullRewrite, withNullsNormalised } from "../seeds/null-cells";
import { configValue, type Materialization } from "./build-context";
import { applyGrants } from "./grants";
import { runNodeHooks } from "./hooks";
import { persistDocs } from "./persist-docs";
import { clearLeftovers, columnsOf, TEMP_SUFFIX, withSuffix } from "./relation-lookup";
import { replaceRelation } from "./replace-relation";

/**
 * Seeds: reads the CSV once to infer column types (`column_types` overrides them), bulk
 * loads it through `adapter.loadCsv` into a temp table, then either swaps that table in
 * (first load, `--full-refresh`, or a view in the way) or empties the existing table and
 * copies the rows in, in one transaction. Reloading with different columns needs
 * `--full-refresh`.
 */
export const seedMaterialization: Materialization = async (context) => {
  const { adapter, node, relation } = context;
  const file = node.original_file_path;
  const loadCsv = adapter.loadCsv?.bind(adapter);
  if (!loadCsv) {
    throw new RunnerError(RunnerErrorCode.noBulkLoad, `Seed ${node.name} cannot be loaded: the ${adapter.type} adapter has no bulk CSV load.`, {
      file,
      hint: "Load this file with the warehouse's own tools and declare it as a source instead.",
    });
  }
  const delimiter = configValue(node, "delimiter", ",");
  const path = join(context.projectDir, file);
  // one pass over the file infers the column types; rows are not kept (the engine loads the file itself)
  let inference: ColumnKindInference | undefined;
  let rewrite = false;
  const text = await readFile(path, "utf8");
  const scanned = scanCsv(text, delimiter, file, (cells) => {
    inference ??= new ColumnKindInference(cells.length);
    inference.add(cells);
    rewrite ||= needsNullRewrite(cells);
  });
  // a quoted empty field loads as '' in the engines; dbt loads it as NULL
  rewrite ||= text.includes('""');
  const kinds = inference?.kinds() ?? scanned.header.map(() => "text" as const);
  const columnTypes = configValue<Record<string, string>>(node, "column_types", {});
  const columns = seedColumns(scanned.header, kinds, adapter.dialect, columnTypes);
  // cells agate reads as numbers or zoned timestamps that the engines would not load as dbt does (`$5`, `1,000`, `+02:00`);
  // a column typed by column_types is loaded as written, as dbt reads it as text
  const typed = new Set(Object.keys(columnTypes).map((name) => name.toLowerCase()));
  const converted = (inference?.rewrites() ?? []).map((r, i) => r && !typed.has(scanned.header[i]!.toLowerCase()));
  rewrite ||= converted.some(Boolean);
  if (configValue<boolean>(node, "quote_columns", true) === false) {
    for (const column of columns) column.name = column.name.toLowerCase();
  }
  // dbt loads blank and `null` cells as NULL: the engines get a copy with those fields empty (and the cells above converted)
  const load = async (temp: typeof relation): Promise<number | null> =>
    rewrite
      ? withNullsNormalised(text, delimiter, file, (copy) => loadCsv(temp, copy, columns, { delimiter, header: true }), (cell, i) => (converted[i] ? loadedCellText(cell, kinds[i]!) : cell))
      : loadCsv(temp, path, columns, { delimiter, header: true });
  const existing = await clearLeftovers(adapter, relation);

  if (!existing || existing.kind === "view" || context.fullRefresh) {
    const rows = await replaceRelation(context, "table", { preload: load });
    return { rowsAffected: rows, message: `INSERT ${rows ?? scanned.rows}` };
  }

  const current = await columnsOf(adapter, adapter, relation);
  const sameColumns =
    current.length === columns.length && current.every((c, i) => c.name.toLowerCase() === columns[i]!.name.toLowerCase());
  if (!sameColumns) {
    throw new RunnerError(
      RunnerErrorCode.seedColumnsChanged,
      `Seed ${node.name} has columns (${columns.map((c) => c.name).join(", ")}) but ${relation.render()} has (${current.map((c) => c.name).join(", ")}).`,
      { file, line: 1, col: 1, hint: "Run `tsdbt seed --full-refresh` to rebuild the table with the new columns." },
    );
  }
  const temp = withSuffix(relation, TEMP_SUFFIX, adapter.dialect.maxIdentifierBytes);
  await runNodeHooks(context, adapter, "pre-hook", false);
  const rows = await load(temp);
  const list = current.map((c) => adapter.dialect.quote(c.name)).join(", ");
  const reload = async (executor: Pick<typeof adapter, "execute">): Promise<void> => {
    await runNodeHooks(context, executor, "pre-hook", true);
    const replaceRows = async (writer: Pick<typeof adapter, "execute">): Promise<void> => {
      await writer.execute(`delete from ${relation.render()} where true`, { fetch: false });
      await writer.execute(`insert into ${relation.render()} (${list})\nselect ${list} from ${temp.render()}`, { fetch: false });
    };
    // outside a transaction (no transactional DDL) the two DML statements still run in one
    if (executor === adapter) await adapter.transaction(replaceRows);
    else await replaceRows(executor);
    await executor.execute(adapter.dialect.dropRelation(temp.render(), "table"), { fetch: false });
    await persistDocs(context, executor, "table");
    await runNodeHooks(context, executor, "post-hook", true);
    await applyGrants(context, executor, "table", "changed");
  };
  try {
    if (adapter.capabilities.transactionalDdl) await adapter.transaction(reload);
    else await reload(adapter);
  } catch (error) {
    await adapter.execute(adapter.dialect.dropRelation(temp.render(), "table"), { fetch: false }).catch(() => undefined);
    throw error;
  }
  await runNodeHooks(context, adapter, "post-hook", false);
  return { rowsAffected: rows, message: `INSERT ${rows ?? scanned.rows}` };
};
