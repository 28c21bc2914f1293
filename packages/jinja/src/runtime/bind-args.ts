import { fail } from "./signals";

/** Sentinel for a parameter without a default. */
export const REQUIRED = Symbol("required");

/**
 * Binds Python-style positional and keyword arguments to parameter names, in order.
 * `params` maps each name to its default ({@link REQUIRED} when it has none).
 */
export function bindArgs(fname: string, params: ReadonlyArray<readonly [string, unknown]>, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  // in Python's order: each keyword in turn (unknown, or given by position too), then the count, then what is missing
  for (const k of Object.keys(kwargs)) {
    const i = params.findIndex(([n]) => n === k);
    if (i < 0) fail(`${fname}() got an unexpected keyword argument '${k}'`);
    if (i < args.length) fail(`${fname}() got multiple values for argument '${k}'`);
  }
  if (args.length > params.length) fail(`${fname}() takes at most ${params.length} argument(s) (${args.length} given)`);
  return params.map(([name, dflt], i) => {
    if (i < args.length) return args[i];
    if (Object.prototype.hasOwnProperty.call(kwargs, name)) return kwargs[name];
    return dflt === REQUIRED ? fail(`${fname}() missing required argument: '${name}'`) : dflt;
  });
}
