/**
 * @packageDocumentation
 * Column-level lineage over compiled SQL (node-sql-parser) and OpenLineage run events.
 */
export * from "./types";
export { buildColumnLineage, measureCoverage, ColumnLineageBuilder, type LineageOptions } from "./build-column-lineage";
export { dialectsFor, parseSelect, type ParserDialect } from "./parse-sql";
export { RelationIndex, splitRelationName } from "./relation-index";
export { compose, IDENTITY, TRANSFORMATION, AGGREGATION, indirect } from "./transformations";
export { LineageErrorCode } from "./error-codes";
export { traceColumn, formatTree, type LineageTreeNode, type TraceDirection } from "./trace-column";
export { createRunEmitter, type EmitterSetup } from "./openlineage/create-emitter";
export { OpenLineageRunEmitter, type RunEmitterOptions, type RunEventLike } from "./openlineage/run-emitter";
export { httpTransport, fileTransport, endpointFor, type OpenLineageTransport } from "./openlineage/transport";
export { datasetNamespace, datasetName, type TargetLike } from "./openlineage/dataset-naming";
export { PRODUCER, SCHEMA_URLS, type OlRunEvent, type OlDataset, type OlInputField, type OlTransformation, type BaseFacet } from "./openlineage/spec";
