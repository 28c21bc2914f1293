/**
 * catalog.json in dbt's v1 shape: what the warehouse says about the project's relations
 * (types, columns, comments, statistics), keyed by the unique id of the node or source.
 */

/** One column as the warehouse reports it. */
export interface CatalogColumn {
  type: string;
  /** 1-based position in the relation. */
  index: number;
  name: string;
  comment: string | null;
}

/** One statistic of a relation (row count, size…); `include: false` hides it in the site. */
export interface CatalogStat {
  id: string;
  label: string;
  value: boolean | string | number | null;
  include: boolean;
  description: string | null;
}

/** One relation of the catalog. */
export interface CatalogTable {
  metadata: { type: string; schema: string; name: string; database: string | null; comment: string | null; owner: string | null };
  columns: Record<string, CatalogColumn>;
  stats: Record<string, CatalogStat>;
  unique_id: string | null;
}

/** The whole catalog artifact. */
export interface Catalog {
  metadata: { dbt_schema_version: string; dbt_version: string; generated_at: string; invocation_id: string | null; env: Record<string, string> };
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  errors: string[] | null;
}

/** The schema URL dbt writes in catalog.json's metadata. */
export const CATALOG_SCHEMA = "https://schemas.getdbt.com/dbt/catalog/v1.json";
