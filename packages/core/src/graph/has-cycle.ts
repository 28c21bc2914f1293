/**
 * Whether the dependencies of a manifest (`parent_map` and `child_map`, as assembled) contain a
 * cycle: Kahn's algorithm, O(V + E) over plain arrays, without building a {@link DepGraph}
 * (which a parse that only writes the manifest never needs).
 */
export function hasCycle(parentMap: Readonly<Record<string, readonly string[]>>, childMap: Readonly<Record<string, readonly string[]>>): boolean {
  const waiting = new Map<string, number>();
  const ready: string[] = [];
  for (const id in parentMap) {
    const count = parentMap[id].length;
    waiting.set(id, count);
    if (count === 0) ready.push(id);
  }
  let done = 0;
  while (ready.length > 0) {
    const id = ready.pop() as string;
    done += 1;
    for (const child of childMap[id] ?? []) {
      const left = (waiting.get(child) ?? 1) - 1;
      waiting.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return done < waiting.size;
}
