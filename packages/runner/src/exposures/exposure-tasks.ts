import type { Manifest, ManifestNode } from "@tsdbt/core";
import type { ScheduledTask } from "../scheduler/dag-scheduler";
import { standInNode } from "../stand-in-node";

/** True for the stand-in node of an exposure. */
export function isExposureNode(node: Pick<ManifestNode, "resource_type">): boolean {
  return (node.resource_type as string) === "exposure";
}

/**
 * The node the scheduler, events and results use for an exposure: a manifest-node shape
 * carrying the exposure's identity (exposures live in `manifest.exposures`, not `nodes`).
 */
export function exposureNode(manifest: Manifest, id: string): ManifestNode | undefined {
  const entry = manifest.exposures?.[id];
  if (!entry) return undefined;
  return standInNode({ ...entry, resource_type: "exposure", alias: entry.name, materialized: "", tags: entry.tags, meta: entry.meta, depends_on: entry.depends_on });
}

/**
 * Adds the selected exposures to a run's tasks (dbt's `build` reports each as a no-op). An
 * exposure waits for the nearest selected nodes it depends on, not for their tests.
 */
export function withExposureTasks(manifest: Manifest, selected: readonly string[], tasks: readonly ScheduledTask[]): ScheduledTask[] {
  const ids = selected.filter((id) => manifest.exposures?.[id] !== undefined);
  if (ids.length === 0) return [...tasks];
  const scheduled = new Set(tasks.map((t) => t.id));
  const nearest = (id: string, seen: Set<string>): string[] => {
    if (scheduled.has(id)) return [id];
    if (seen.has(id)) return [];
    seen.add(id);
    return (manifest.nodes[id]?.depends_on.nodes ?? []).flatMap((parent) => nearest(parent, seen));
  };
  const out = [...tasks];
  for (const id of ids) {
    const seen = new Set<string>();
    out.push({ id, parents: [...new Set(manifest.exposures[id]!.depends_on.nodes.flatMap((parent) => nearest(parent, seen)))] });
  }
  return out;
}
