/**
 * dbt's `context`: the render context seen as a dict, so templates can look names up by string
 * (`context.get(macro_name)`, `context[name](…)`, `name in context`), which packages use to call
 * macros chosen at run time. Names resolve as a bare name in the template would: the context's
 * own entries first, then macros (the node's package first) and package namespaces. Writes
 * (`context.update(...)`) go to the render context, as in dbt where `context` is that dict.
 */
export function contextView(ctx: Record<string, unknown>, resolveGlobal: (name: string) => unknown): Record<string, unknown> {
  const lookup = (name: string): unknown => (name in ctx ? ctx[name] : resolveGlobal(name));
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, name) => (typeof name === "string" ? lookup(name) : undefined),
    // context.update({...}) writes into the render context: later lookups, bare names too, see it
    set: (_target, name, value) => {
      if (typeof name !== "string") return false;
      ctx[name] = value;
      return true;
    },
    deleteProperty: (_target, name) => typeof name === "string" && delete ctx[name],
    has: (_target, name) => typeof name === "string" && lookup(name) !== undefined,
    defineProperty: (_target, name, descriptor) => {
      if (typeof name === "string") ctx[name] = descriptor.value;
      return true;
    },
    // iterating gives the context's own entries (macros are looked up on demand, not listed)
    ownKeys: () => Object.keys(ctx),
    getOwnPropertyDescriptor: (_target, name) => {
      const value = typeof name === "string" ? lookup(name) : undefined;
      return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: true };
    },
  });
}
