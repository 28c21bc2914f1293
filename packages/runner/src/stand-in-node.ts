import type { ManifestNode } from "@tsdbt/core";

/** The identity of a manifest entry kept outside `nodes` (an exposure, a unit test). */
export interface StandInIdentity {
  unique_id: string;
  resource_type: string;
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  /** Its alias (the entry's own name). */
  alias: string;
  materialized: string;
  tags: string[];
  meta: Record<string, unknown>;
  depends_on: { macros: string[]; nodes: string[] };
}

/**
 * The node the scheduler, events and results use for a manifest entry that is not in `nodes`:
 * a manifest-node shape with the entry's identity, no relation, and a config of defaults.
 */
export function standInNode(entry: StandInIdentity): ManifestNode {
  return {
    unique_id: entry.unique_id,
    resource_type: entry.resource_type,
    package_name: entry.package_name,
    name: entry.name,
    path: entry.path,
    original_file_path: entry.original_file_path,
    fqn: entry.fqn,
    alias: entry.alias,
    database: null,
    schema: "",
    config: { enabled: true, materialized: entry.materialized, tags: entry.tags, meta: entry.meta, alias: null, schema: null, database: null, "pre-hook": [], "post-hook": [] },
    tags: entry.tags,
    depends_on: entry.depends_on,
  } as unknown as ManifestNode;
}
