import { rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Manifest } from "@tsdbt/core";
import { buildColumnLineage, type CatalogLike } from "@tsdbt/lineage";

/** Above this many models, `docs generate` leaves column lineage to `tsdbt lineage` (it costs a few ms per model). */
export const COLUMN_LINEAGE_MODEL_LIMIT = 2000;

/**
 * Computes column-level lineage of the compiled manifest and writes target/column_lineage.json
 * (read by the docs site). Returns the file, or undefined when the project is too large.
 */
export function writeColumnLineage(manifest: Manifest, targetPath: string, options: { adapterType: string; projectDir: string; catalog?: CatalogLike }): { file?: string; coverage?: number; skipped?: string } {
  const models = Object.values(manifest.nodes).filter((n) => n.resource_type === "model").length;
  const file = path.join(targetPath, "column_lineage.json");
  if (models > COLUMN_LINEAGE_MODEL_LIMIT) {
    rmSync(file, { force: true }); // never show lineage of an earlier version of the project
    return { skipped: `${models} models is more than ${COLUMN_LINEAGE_MODEL_LIMIT}; query columns with \`tsdbt lineage MODEL.COLUMN\`` };
  }
  const lineage = buildColumnLineage(manifest, options);
  writeFileSync(file, JSON.stringify({ models: lineage.models, coverage: lineage.coverage }));
  return { file, coverage: lineage.coverage.ratio };
}
