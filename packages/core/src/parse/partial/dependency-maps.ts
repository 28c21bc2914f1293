import type { ManifestNode } from "../../manifest/types";
import type { ManifestLayout } from "../../manifest/write-manifest";

type DependencyMap = Record<string, string[]>;

/**
 * The manifest's `parent_map` and `child_map` after `rebuilt` nodes changed what they depend
 * on (`dependedOn`: what each depended on before, by unique id), as JSON text to splice in (none
 * when no dependency changed), or the reason a full parse is needed: a new dependency that closes
 * a cycle (the full parse reports it with its path).
 */
export function updateDependencyMaps(manifest: Buffer, layout: ManifestLayout, rebuilt: ManifestNode[], dependedOn: ReadonlyMap<string, readonly string[]>): Map<string, string> | string {
  const text = (range: [number, number]) => manifest.toString("utf8", range[0], range[1]);
  const moved = rebuilt.filter((n) => {
    const before = dependedOn.get(n.unique_id) ?? [];
    return before.length !== n.depends_on.nodes.length || before.some((id, i) => id !== n.depends_on.nodes[i]);
  });
  if (moved.length === 0) return new Map();
  const parentMap = JSON.parse(text(layout.sections.parent_map)) as DependencyMap;
  const childMap = JSON.parse(text(layout.sections.child_map)) as DependencyMap;
  for (const n of moved) {
    const id = n.unique_id;
    for (const p of parentMap[id] ?? []) childMap[p] = childMap[p].filter((c) => c !== id);
    parentMap[id] = [...n.depends_on.nodes].sort();
    for (const p of n.depends_on.nodes) (childMap[p] ??= []).push(id);
  }
  for (const n of moved) for (const p of n.depends_on.nodes) childMap[p].sort();
  for (const n of moved) {
    if (reaches(n.unique_id, new Set(n.depends_on.nodes), childMap)) return `${n.original_file_path} now depends on one of its descendants`;
  }
  return new Map([
    ["parent_map", JSON.stringify(parentMap)],
    ["child_map", JSON.stringify(childMap)],
  ]);
}

/** Whether any of `targets` is a descendant of `from`. */
function reaches(from: string, targets: Set<string>, childMap: DependencyMap): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    for (const child of childMap[stack.pop()!] ?? []) {
      if (targets.has(child) || child === from) return true;
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return false;
}
