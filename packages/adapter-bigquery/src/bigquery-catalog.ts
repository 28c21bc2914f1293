import type { BigQuery } from "@google-cloud/bigquery";
import type { Column, RelationRef, RelationType } from "@tsdbt/adapter-api";
import { standardTypeName, type SchemaField } from "./bigquery-values";

/*
 * The catalog comes from BigQuery's REST metadata calls (tables.list, tables.get, datasets.list),
 * which are free, never from INFORMATION_SCHEMA queries, which are billed (10 MB at least each).
 */

/** tsdbt's relation type for a BigQuery table type. */
export function relationType(type: string | undefined): RelationType {
  switch ((type ?? "TABLE").toUpperCase()) {
    case "VIEW":
      return "view";
    case "MATERIALIZED_VIEW":
      return "materialized_view";
    case "EXTERNAL":
      return "external";
    default:
      return "table";
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 404;
}

/** Every table, view and materialized view of a dataset (tables.list, all pages); empty when the dataset is missing. */
export async function listDatasetRelations(client: BigQuery, project: string, dataset: string): Promise<RelationRef[]> {
  try {
    const [tables] = await client.dataset(dataset, { projectId: project }).getTables({ autoPaginate: true, maxResults: 1000 });
    return tables
      .map((t) => ({ database: project, schema: dataset, identifier: String(t.id), type: relationType((t.metadata as { type?: string }).type) }))
      .sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

/** Table metadata (tables.get), or null when the table or its dataset is missing. */
export async function tableMetadata(client: BigQuery, project: string, dataset: string, table: string): Promise<{ type?: string; schema?: { fields?: SchemaField[] } } | null> {
  try {
    const [metadata] = await client.dataset(dataset, { projectId: project }).table(table).getMetadata();
    return metadata as { type?: string; schema?: { fields?: SchemaField[] } };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Columns of table metadata, with GoogleSQL type names, REQUIRED as not nullable, descriptions as comments. */
export function columnsOf(metadata: { schema?: { fields?: SchemaField[] } } | null): Column[] {
  return (metadata?.schema?.fields ?? []).map((field, i) => ({
    name: field.name,
    dataType: standardTypeName(field),
    index: i + 1,
    comment: field.description ?? null,
    nullable: field.mode?.toUpperCase() !== "REQUIRED",
  }));
}

/** Dataset names of a project (datasets.list, all pages). */
export async function listDatasets(client: BigQuery, project: string): Promise<string[]> {
  const [datasets] = await client.getDatasets({ projectId: project, autoPaginate: true, all: true } as never);
  return datasets.map((d) => String(d.id)).sort();
}
