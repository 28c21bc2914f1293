import type { Diagnostic } from "@tsdbt/core";

/** Whether an input column's values flow into the output (DIRECT) or only decide which rows or how (INDIRECT). */
export type TransformationType = "DIRECT" | "INDIRECT";

/**
 * OpenLineage's transformation subtypes. DIRECT: IDENTITY (copied as is), TRANSFORMATION
 * (computed from it), AGGREGATION (computed over many rows). INDIRECT: JOIN, FILTER, GROUP_BY,
 * SORT, WINDOW (partition/order of a window), CONDITIONAL (a CASE condition).
 */
export type TransformationSubtype = "IDENTITY" | "TRANSFORMATION" | "AGGREGATION" | "JOIN" | "FILTER" | "GROUP_BY" | "SORT" | "WINDOW" | "CONDITIONAL";

/** How one input column takes part in an output column (or in the whole dataset). */
export interface Transformation {
  type: TransformationType;
  subtype: TransformationSubtype;
}

/** An input column of a manifest node (model, seed, snapshot or source) and how it is used. */
export interface UpstreamColumn {
  /** Unique id of the node or source. */
  node: string;
  column: string;
  /** Distinct ways the column is used, strongest first. */
  transformations: Transformation[];
}

/** Lineage of one output column. */
export interface ColumnLineage {
  upstream: UpstreamColumn[];
  /** Column references in the expression that could not be traced (absent when every one was). */
  unresolved?: string[];
}

/** How far the SQL of a node was understood. */
export type LineageLevel = "column" | "model";

/** Lineage of one node's output. */
export interface NodeLineage {
  /** "column" when the SQL was analysed; "model" when it fell back to the node's parents only. */
  level: LineageLevel;
  /** Output columns in select order. */
  columns: Record<string, ColumnLineage>;
  /** Columns that shape every row rather than one column: join keys, filters, group by, order by. */
  indirect: UpstreamColumn[];
  /** Manifest parents (depends_on.nodes and sources) read by the SQL. */
  parents: string[];
  /** True when a `select *` over a relation of unknown columns left the column list incomplete. */
  open?: boolean;
  /** Parser dialect that read the SQL. */
  dialect?: string;
}

/** The column shape of a relation from catalog.json (`{nodes: {id: {columns: {name: {type, index}}}}}`). */
export interface CatalogLike {
  nodes?: Record<string, { columns?: Record<string, { name?: string; type?: string | null; index?: number }> }>;
  sources?: Record<string, { columns?: Record<string, { name?: string; type?: string | null; index?: number }> }>;
}

/** Share of output columns whose lineage was fully traced. */
export interface LineageCoverage {
  /** Output columns of analysed models. */
  columns: number;
  /** Of those, columns every reference of which was traced to a manifest node. */
  resolved: number;
  /** resolved / columns (1 when there are no columns). */
  ratio: number;
  /** Models analysed at column level / all models with SQL. */
  models: { total: number; columnLevel: number; modelLevel: number };
}

/** What {@link buildColumnLineage} returns. */
export interface LineageResult {
  /** Node id → lineage, for models, snapshots and analyses with compiled SQL. */
  models: Record<string, NodeLineage>;
  coverage: LineageCoverage;
  diagnostics: Diagnostic[];
}
