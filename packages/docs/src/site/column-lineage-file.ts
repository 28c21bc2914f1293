import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** One upstream column of a column. */
export interface UpstreamColumn {
  node: string;
  column: string;
  /** How the column is used, strongest first (OpenLineage subtypes); optional. */
  transformations?: { type?: string; subtype?: string }[];
}

/**
 * target/column_lineage.json as the lineage package writes it:
 * `{models: {unique_id: {columns: {name: {upstream: [{node, column}]}}}}}`.
 */
export interface ColumnLineageFile {
  models: Record<string, { columns: Record<string, { upstream: UpstreamColumn[] }> }>;
}

/** Reads target/column_lineage.json; undefined when absent or not of the expected shape. */
export function readColumnLineage(targetPath: string): ColumnLineageFile | undefined {
  const file = path.join(targetPath, "column_lineage.json");
  if (!existsSync(file)) return undefined;
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as ColumnLineageFile;
    return value && typeof value.models === "object" && value.models !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
