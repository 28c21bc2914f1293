import { fail } from "./signals";

/** Sentinel for a parameter without a default. */
export const REQUIRED = Symbol("required");

/**
 * Binds Python-style positional and keyword arguments to parameter names, in order.
 * `params` maps each name to its default ({@link REQUIRED} when it has none).
 */
export function bindArgs(fname: string, params: ReadonlyArray<readonly [string, unknown]>, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  if (args.length > params.length) fail(`${fname}() takes at most ${params.length} argument(s) (${args.length} given)`);
  const out: unknown[] = [];
  for (let i = 0; i < params.length; i++) {
    const [name, dflt] = params[i];
    if (i < args.length) {
      if (name in kwargs) fail(`${fname}() got multiple values for argument '${name}'`);
      out.push(args[i]);
    } else if (Object.prototype.hasOwnProperty.call(kwargs, name)) out.push(kwargs[name]);
    else if (dflt === REQUIRED) fail(`${fname}() missing required argument: '${name}'`);
    else out.push(dflt);
  }
  for (const k of Object.keys(kwargs)) {
    if (!params.some(([n]) => n === k)) fail(`${fname}() got an unexpected keyword argument '${k}'`);
  }
  return out;
}
