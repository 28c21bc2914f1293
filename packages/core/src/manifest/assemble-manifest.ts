import { createHash } from "node:crypto";
import type { DocDefinition, Manifest, MacroDefinition, ManifestNode, SourceDefinition } from "./types";

/** The dbt schema version of the manifest tsdbt writes. */
export const MANIFEST_SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";

/** The parts a manifest is assembled from. */
export interface ManifestParts {
  projectName: string;
  adapterType: string;
  invocationId: string;
  /** When the invocation that parsed the project started. */
  invocationStartedAt: Date;
  nodes: ManifestNode[];
  disabled: ManifestNode[];
  /** Source tables with `enabled: false`, which dbt files under `disabled` too. */
  disabledSources?: SourceDefinition[];
  sources: Record<string, SourceDefinition>;
  macros: Record<string, MacroDefinition>;
  docs: Record<string, DocDefinition>;
  /** The project's quoting policy over the adapter's defaults (`column` is not part of it: null). */
  quoting?: Record<string, unknown>;
}

/** A quoting flag as the manifest's metadata holds it: true, false, or null when not set. */
const flag = (v: unknown): boolean | null => (typeof v === "boolean" ? v : null);

/** A time as dbt writes its artifacts' timestamps: UTC, six fractional digits, `Z` (`2026-12-06T14:28:23.838000Z`). */
export function dbtTimestamp(at: Date): string {
  return at.toISOString().replace(/Z$/, "000Z");
}

/** Puts parsed resources together in dbt's manifest shape, with parent and child maps. */
export function assembleManifest(parts: ManifestParts): Manifest {
  const nodes: Record<string, ManifestNode> = {};
  for (const n of [...parts.nodes].sort((a, b) => (a.unique_id < b.unique_id ? -1 : 1))) nodes[n.unique_id] = n;
  const disabled: Record<string, (ManifestNode | SourceDefinition)[]> = {};
  for (const n of [...parts.disabled, ...(parts.disabledSources ?? [])]) (disabled[n.unique_id] ??= []).push(n);
  const parent_map: Record<string, string[]> = {};
  const child_map: Record<string, string[]> = {};
  for (const id of [...Object.keys(nodes), ...Object.keys(parts.sources)]) {
    parent_map[id] = [];
    child_map[id] = [];
  }
  for (const n of Object.values(nodes)) {
    parent_map[n.unique_id] = [...n.depends_on.nodes].sort();
    for (const p of n.depends_on.nodes) (child_map[p] ??= []).push(n.unique_id);
  }
  for (const list of Object.values(child_map)) list.sort();
  return {
    metadata: {
      dbt_schema_version: MANIFEST_SCHEMA,
      dbt_version: "1.10.0",
      generated_at: new Date().toISOString(),
      invocation_id: parts.invocationId,
      invocation_started_at: dbtTimestamp(parts.invocationStartedAt),
      env: {},
      project_name: parts.projectName,
      // as dbt: md5 of the project name
      project_id: createHash("md5").update(parts.projectName, "utf8").digest("hex"),
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: parts.adapterType,
      quoting: { database: flag(parts.quoting?.database), schema: flag(parts.quoting?.schema), identifier: flag(parts.quoting?.identifier), column: flag(parts.quoting?.column) },
    },
    nodes,
    sources: parts.sources,
    macros: parts.macros,
    docs: parts.docs,
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled,
    parent_map,
    child_map,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}
