import type { Manifest, ManifestNode } from "@tsdbt/core";
import { standInNode } from "../stand-in-node";

/** A manifest `unit_tests` entry as the fields the runner reads. */
interface UnitTestEntry {
  unique_id: string;
  name: string;
  model: string;
  path: string;
  original_file_path: string;
  package_name: string;
  fqn: string[];
  depends_on: { macros?: string[]; nodes: string[] };
  config?: { tags?: string[]; meta?: Record<string, unknown> };
}

/** True for the stand-in node of a unit test. */
export function isUnitTestNode(node: Pick<ManifestNode, "resource_type">): boolean {
  return (node.resource_type as string) === "unit_test";
}

/**
 * The node the scheduler, events and results use for a unit test: a manifest-node shape
 * carrying the unit test's identity (unit tests live in `manifest.unit_tests`, not `nodes`).
 */
function unitTestNode(entry: UnitTestEntry): ManifestNode {
  return standInNode({
    ...entry,
    resource_type: "unit_test",
    name: `${entry.model}::${entry.name}`,
    alias: entry.name,
    materialized: "unit",
    tags: entry.config?.tags ?? [],
    meta: entry.config?.meta ?? {},
    depends_on: { macros: entry.depends_on.macros ?? [], nodes: entry.depends_on.nodes },
  });
}

/** The node to execute for a selected id: a manifest node, or a unit test's stand-in (undefined when neither). */
export function runnableNode(manifest: Manifest, id: string): ManifestNode | undefined {
  const node = manifest.nodes[id];
  if (node) return node;
  const entry = manifest.unit_tests?.[id] as UnitTestEntry | undefined;
  return entry ? unitTestNode(entry) : undefined;
}
