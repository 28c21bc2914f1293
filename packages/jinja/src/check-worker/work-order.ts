/**
 * The order a check worker compiles in, to be ahead of the thread that renders: each template to be
 * rendered (in the order given), each followed by the macros it mentions by name, depth first (the
 * order a render calls them in), then every other macro to check. Macros that are only `callable` (not
 * checked: tsdbt's own) are compiled when mentioned, else not at all. A macro is known by the name in
 * its opening tag and by that name without an adapter prefix (`default__star` is reached from `star`,
 * as dispatch does). Indices are into `[...toCheck, ...toRender, ...callable]`.
 */
export function workOrder(toCheck: readonly string[], toRender: readonly string[], callable: readonly string[] = []): number[] {
  // macros: those to check, then the callable ones; `indexOf` turns a macro's number into a result index
  const macros = [...toCheck, ...callable];
  const indexOf = (m: number) => (m < toCheck.length ? m : m + toRender.length);
  const byName = new Map<string, number[]>();
  macros.forEach((source, m) => {
    const name = /^\s*\{%-?\s*(?:macro|test|materialization)\s+([A-Za-z_]\w*)/.exec(source)?.[1];
    if (!name) return;
    for (const key of new Set([name, name.replace(/^[a-z0-9]+__/, "")])) {
      const list = byName.get(key);
      if (list) list.push(m);
      else byName.set(key, [m]);
    }
  });
  const order: number[] = [];
  const queued = new Uint8Array(macros.length);
  function* mentions(text: string): Generator<number> {
    for (const [identifier] of text.matchAll(/[A-Za-z_]\w*/g)) yield* byName.get(identifier) ?? [];
  }
  // depth first without recursion (a chain of thousands of macros must not exhaust the stack)
  const mentionedBy = (text: string) => {
    const stack = [mentions(text)];
    while (stack.length > 0) {
      const next = stack[stack.length - 1].next();
      if (next.done) {
        stack.pop();
        continue;
      }
      if (queued[next.value]) continue;
      queued[next.value] = 1;
      order.push(indexOf(next.value));
      stack.push(mentions(macros[next.value]));
    }
  };
  toRender.forEach((text, i) => {
    order.push(toCheck.length + i);
    mentionedBy(text);
  });
  for (let m = 0; m < toCheck.length; m++) if (!queued[m]) order.push(m);
  return order;
}
