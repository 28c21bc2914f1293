import type { Manifest } from "@tsdbt/core";
import type { ScheduledTask } from "./dag-scheduler";

/** Resource types the runner executes; analyses and operations are compiled, never run. */
const EXECUTABLE = new Set(["model", "seed", "test", "snapshot"]);

/**
 * The tasks of a run: each selected executable node waits for its nearest selected
 * ancestors (dependencies through unselected nodes still order the run). A selected test
 * also gates the selected children of the node(s) it tests, so in `build` a failing test
 * skips what is built on the model it checks (unless that would make a cycle).
 */
export function buildRunTasks(manifest: Manifest, selected: readonly string[]): ScheduledTask[] {
  const chosen = new Set(selected.filter((id) => EXECUTABLE.has(manifest.nodes[id]?.resource_type ?? "")));
  const nearest = new Map<string, string[]>();
  const nearestSelected = (id: string, seen: Set<string>): string[] => {
    const cached = nearest.get(id);
    if (cached) return cached;
    const out = new Set<string>();
    for (const parent of manifest.nodes[id]?.depends_on.nodes ?? []) {
      if (chosen.has(parent)) out.add(parent);
      else if (manifest.nodes[parent] && !seen.has(parent)) {
        seen.add(parent);
        for (const p of nearestSelected(parent, seen)) out.add(p);
      }
    }
    const list = [...out];
    nearest.set(id, list);
    return list;
  };
  const parents = new Map<string, Set<string>>();
  for (const id of chosen) parents.set(id, new Set(nearestSelected(id, new Set([id]))));

  const children = new Map<string, string[]>([...chosen].map((id) => [id, []]));
  for (const [id, ps] of parents) for (const p of ps) children.get(p)!.push(id);
  const reaches = (from: string, to: string): boolean => {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...children.get(id)!);
    }
    return false;
  };
  for (const id of chosen) {
    if (manifest.nodes[id]!.resource_type !== "test") continue;
    const tested = [...parents.get(id)!];
    for (const parent of tested) {
      for (const child of children.get(parent)!) {
        if (child === id || manifest.nodes[child]!.resource_type === "test") continue;
        if (tested.some((other) => other !== parent && reaches(child, other))) continue;
        parents.get(child)!.add(id);
      }
    }
  }
  return [...chosen].map((id) => ({ id, parents: [...parents.get(id)!] }));
}
