import type { Manifest } from "./types";

/** Anything listed in the dependency maps: an id and what it depends on. */
interface Dependent {
  unique_id: string;
  depends_on?: { nodes?: string[] } | null;
}

/**
 * Adds resources that are not nodes (exposures, metrics, semantic models, saved queries, unit
 * tests) to `parent_map` and `child_map`, as dbt lists every resource there (both sorted).
 */
export function addDependencyEntries(manifest: Pick<Manifest, "parent_map" | "child_map">, members: Iterable<Dependent>): void {
  const touched = new Set<string>();
  for (const m of members) {
    const parents = m.depends_on?.nodes ?? [];
    manifest.parent_map[m.unique_id] = [...parents].sort();
    manifest.child_map[m.unique_id] ??= [];
    for (const p of parents) {
      (manifest.child_map[p] ??= []).push(m.unique_id);
      touched.add(p);
    }
  }
  for (const p of touched) manifest.child_map[p].sort();
}
