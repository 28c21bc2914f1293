/**
 * Stable diagnostic codes of column lineage and OpenLineage (TSDBT-E6xx). Lineage problems are
 * warnings: a model the parser cannot read falls back to model-level lineage, and an
 * unreachable OpenLineage backend never fails a run.
 */
export const LineageErrorCode = {
  /** No parser dialect could read a node's compiled SQL; lineage is model-level. */
  Unparsable: "TSDBT-E601",
  /** The SQL reads a relation that is neither a CTE nor a node or source. */
  UnknownRelation: "TSDBT-E602",
  /** Nodes without compiled SQL (the manifest was not compiled). */
  NotCompiled: "TSDBT-E603",
  /** `select *` over a relation of unknown columns: the column list may be incomplete. */
  OpenStar: "TSDBT-E604",
  /** `tsdbt lineage`: the model or column asked for does not exist. */
  UnknownTarget: "TSDBT-E605",
  /** target/catalog.json exists but could not be read. */
  BadCatalog: "TSDBT-E606",
  /** The OpenLineage backend refused or could not be reached (reported once per run). */
  EmitFailed: "TSDBT-E607",
  /** `--openlineage-url` is not an http(s) URL. */
  BadEndpoint: "TSDBT-E608",
} as const;
