/** Marks a function as a host function: it receives positional and keyword arguments apart. */
export const HOST_FUNCTION = Symbol.for("tsdbt.jinja.hostFunction");

/** Marks a host function that takes its arguments as templates hold them (an integral float stays a PyFloat). */
export const PYTHON_VALUES = Symbol.for("tsdbt.jinja.pythonValues");

/** How a host function receives its arguments. */
export interface HostFunctionOptions {
  /** Pass integral floats as PyFloat rather than plain numbers (for functions that print them, like tojson). */
  pythonValues?: boolean;
}

/** The signature of a host function implementation. */
export type HostFunctionImpl = (args: unknown[], kwargs: Record<string, unknown>) => unknown;

/** A function templates can call with Python-style arguments: `f(1, 2, key='v')`. */
export interface HostFunction {
  (...args: unknown[]): unknown;
  [HOST_FUNCTION]: HostFunctionImpl;
}

/**
 * Wraps `impl` so templates can call it with positional and keyword arguments
 * (`ref('x', version=2)` calls `impl(['x'], {version: 2})`). Calling the returned
 * function directly from JavaScript passes every argument as positional.
 */
export function hostFunction(impl: HostFunctionImpl, options: HostFunctionOptions = {}): HostFunction {
  const f = ((...args: unknown[]) => {
    const last = args[args.length - 1] as Record<string, unknown> | undefined;
    if (last && typeof last === "object" && (last as { __keywords?: boolean }).__keywords === true) {
      const kwargs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(last)) if (k !== "__keywords") kwargs[k] = v;
      return impl(args.slice(0, -1), kwargs);
    }
    return impl(args, {});
  }) as HostFunction;
  f[HOST_FUNCTION] = impl;
  if (options.pythonValues) (f as unknown as Record<symbol, boolean>)[PYTHON_VALUES] = true;
  return f;
}
