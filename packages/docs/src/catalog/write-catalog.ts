import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import type { Manifest } from "@tsdbt/core";
import { CATALOG_SCHEMA, type Catalog } from "./catalog-types";

/** An empty catalog (`docs generate --empty-catalog`, or no warehouse). */
export function emptyCatalog(manifest: Manifest, invocationId: string | null = null): Catalog {
  return {
    metadata: { dbt_schema_version: CATALOG_SCHEMA, dbt_version: manifest.metadata.dbt_version, generated_at: new Date().toISOString(), invocation_id: invocationId, env: {} },
    nodes: {},
    sources: {},
    errors: null,
  };
}

/** Writes target/catalog.json and returns its path. */
export async function writeCatalog(targetPath: string, catalog: Catalog): Promise<string> {
  const file = path.join(targetPath, "catalog.json");
  await mkdir(targetPath, { recursive: true });
  await writeFile(file, JSON.stringify(catalog));
  return file;
}
