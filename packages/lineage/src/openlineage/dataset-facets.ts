import type { Manifest } from "@tsdbt/core";
import { compose } from "../transformations";
import type { CatalogLike, NodeLineage, Transformation, UpstreamColumn } from "../types";
import { datasetName } from "./dataset-naming";
import { facet, SCHEMA_URLS, type BaseFacet, type OlInputField, type OlTransformation } from "./spec";

/** What the facet builders need to name datasets and look columns up. */
export interface FacetContext {
  manifest: Manifest;
  namespace: string;
  catalog?: CatalogLike;
  /** Lineage of a node (for ephemeral models, whose columns are traced through to real datasets). */
  lineageOf(id: string): NodeLineage | undefined;
}

const DESCRIPTIONS: Record<string, string> = {
  IDENTITY: "copied unchanged",
  TRANSFORMATION: "computed from the input",
  AGGREGATION: "aggregated over rows",
  JOIN: "used in a join condition",
  FILTER: "used in a filter",
  GROUP_BY: "used in a group by",
  SORT: "used in an order by",
  WINDOW: "used in a window's partition or order",
  CONDITIONAL: "used in a CASE condition",
};

function olTransformation(t: Transformation): OlTransformation {
  return { type: t.type, subtype: t.subtype, description: DESCRIPTIONS[t.subtype] ?? "", masking: false };
}

/** Input fields of upstream columns; columns of ephemeral models are followed to the relations they read. */
export function inputFields(ctx: FacetContext, upstream: UpstreamColumn[], depth = 0): OlInputField[] {
  const out: OlInputField[] = [];
  for (const u of upstream) {
    const name = datasetName(ctx.manifest, u.node);
    if (name) {
      out.push({ namespace: ctx.namespace, name, field: u.column, transformations: u.transformations.map(olTransformation) });
      continue;
    }
    const eph = ctx.lineageOf(u.node)?.columns[u.column];
    if (!eph || depth > 20) continue;
    for (const inner of inputFields(ctx, eph.upstream, depth + 1)) {
      const composed: OlTransformation[] = [];
      for (const o of u.transformations) for (const i of inner.transformations) composed.push(olTransformation(compose(o, i as Transformation)));
      out.push({ ...inner, transformations: composed.filter((t, i) => composed.findIndex((x) => x.type === t.type && x.subtype === t.subtype) === i) });
    }
  }
  return out;
}

/** The column lineage facet of a node's output: per-field inputs, and dataset-level indirect inputs. */
export function columnLineageFacet(ctx: FacetContext, lineage: NodeLineage): BaseFacet {
  const fields: Record<string, { inputFields: OlInputField[] }> = {};
  for (const [name, col] of Object.entries(lineage.columns)) fields[name] = { inputFields: inputFields(ctx, col.upstream) };
  return facet(SCHEMA_URLS.columnLineage, { fields, dataset: inputFields(ctx, lineage.indirect) });
}

/** The schema facet: columns in order, typed from the catalog or the YAML `data_type`, with descriptions. */
export function schemaFacet(ctx: FacetContext, id: string, columns: string[]): BaseFacet {
  const node = ctx.manifest.nodes[id] ?? ctx.manifest.sources[id];
  const catalog = ctx.catalog?.nodes?.[id]?.columns ?? ctx.catalog?.sources?.[id]?.columns ?? {};
  const fields = columns.map((name) => {
    const lower = name.toLowerCase();
    const documented = Object.values(node?.columns ?? {}).find((c) => c.name.toLowerCase() === lower);
    const cat = Object.entries(catalog).find(([key, c]) => (c.name ?? key).toLowerCase() === lower)?.[1];
    const field: { name: string; type?: string; description?: string } = { name };
    const type = cat?.type ?? documented?.data_type;
    if (type) field.type = type;
    if (documented?.description) field.description = documented.description;
    return field;
  });
  return facet(SCHEMA_URLS.schema, { fields });
}

/** The data quality assertions facet of a test's input dataset. */
export function assertionsFacet(assertions: { assertion: string; success: boolean; column?: string }[]): BaseFacet {
  return facet(SCHEMA_URLS.dataQualityAssertions, { assertions });
}
