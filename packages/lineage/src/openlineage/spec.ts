/**
 * The parts of the OpenLineage 2-0-2 object model tsdbt emits: run events, datasets and the
 * facets it fills. Every event carries `producer` and `schemaURL`; every facet `_producer` and
 * `_schemaURL`.
 */

/** `producer` of every event and facet. */
export const PRODUCER = "https://github.com/tsdbt/tsdbt/tree/0.1.0/packages/lineage";

/** Schema URLs of the event and of each facet, at the versions whose fields tsdbt fills. */
export const SCHEMA_URLS = {
  runEvent: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
  parent: "https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet",
  errorMessage: "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
  jobType: "https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
  sql: "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet",
  schema: "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
  columnLineage: "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
  dataQualityAssertions: "https://openlineage.io/spec/facets/1-0-1/DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet",
} as const;

/** Fields every facet has. */
export interface BaseFacet {
  _producer: string;
  _schemaURL: string;
}

/** A facet with its base fields filled in. */
export function facet<T extends object>(schemaURL: string, fields: T): BaseFacet & T {
  return { _producer: PRODUCER, _schemaURL: schemaURL, ...fields };
}

/** A transformation as the column lineage facet writes it. */
export interface OlTransformation {
  type: "DIRECT" | "INDIRECT";
  subtype: string;
  description: string;
  masking: boolean;
}

/** An input field of the column lineage facet. */
export interface OlInputField {
  namespace: string;
  name: string;
  field: string;
  transformations: OlTransformation[];
}

/** A dataset (input or output) of a run event. */
export interface OlDataset {
  namespace: string;
  name: string;
  facets?: Record<string, BaseFacet>;
  inputFacets?: Record<string, BaseFacet>;
  outputFacets?: Record<string, BaseFacet>;
}

/** Event types of a run's life. */
export type OlEventType = "START" | "RUNNING" | "COMPLETE" | "ABORT" | "FAIL" | "OTHER";

/** An OpenLineage run event. */
export interface OlRunEvent {
  eventType: OlEventType;
  eventTime: string;
  run: { runId: string; facets?: Record<string, BaseFacet> };
  job: { namespace: string; name: string; facets?: Record<string, BaseFacet> };
  inputs: OlDataset[];
  outputs: OlDataset[];
  producer: string;
  schemaURL: string;
}
