/**
 * Strongly connected components by Tarjan's algorithm, written iteratively so a
 * 10,000-deep chain cannot overflow the call stack. Runs in O(V + E).
 *
 * @param ids every vertex, in the order roots are tried (sorted for stable output)
 * @param next the vertices an edge leads to from a vertex
 * @returns components with more than one vertex, plus single vertices that have a self-loop
 */
export function cyclicComponents(ids: readonly string[], next: (id: string) => readonly string[]): string[][] {
  const indexOf = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of ids) {
    if (indexOf.has(root)) continue;
    const frames: { id: string; edges: readonly string[]; position: number }[] = [];
    const enter = (id: string): void => {
      indexOf.set(id, counter);
      lowLink.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      frames.push({ id, edges: next(id), position: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.position < frame.edges.length) {
        const target = frame.edges[frame.position++];
        if (!indexOf.has(target)) enter(target);
        else if (onStack.has(target)) {
          lowLink.set(frame.id, Math.min(lowLink.get(frame.id) as number, indexOf.get(target) as number));
        }
        continue;
      }
      frames.pop();
      const low = lowLink.get(frame.id) as number;
      if (frames.length > 0) {
        const caller = frames[frames.length - 1].id;
        lowLink.set(caller, Math.min(lowLink.get(caller) as number, low));
      }
      if (low !== indexOf.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      if (component.length > 1 || frame.edges.includes(frame.id)) components.push(component.sort());
    }
  }
  return components;
}

/**
 * The shortest closed walk from `start` back to itself that stays inside `component`,
 * found breadth-first. Returns the path with `start` at both ends (`[a, b, c, a]`).
 */
export function cyclePathThrough(
  start: string,
  component: ReadonlySet<string>,
  next: (id: string) => readonly string[],
): string[] {
  const cameFrom = new Map<string, string>();
  const queue: string[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    for (const target of [...next(current)].sort()) {
      if (!component.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let step: string | undefined = current; step !== undefined && step !== start; step = cameFrom.get(step)) {
          path.push(step);
        }
        path.push(start);
        return path.reverse();
      }
      if (cameFrom.has(target)) continue;
      cameFrom.set(target, current);
      queue.push(target);
    }
  }
  return [start, start];
}
