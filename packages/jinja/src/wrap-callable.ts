import { HOST_FUNCTION, PYTHON_VALUES } from "./host-function";
import { MACRO } from "./runtime/macro";

/**
 * Returns a callable that behaves as `fn` (a macro, a host function or a plain function) in
 * templates and JavaScript, with every call made through `around` (which must call `run` and
 * return its result): e.g. to know how deep in macro calls a render is.
 */
export function wrapCallable<F extends (...args: never[]) => unknown>(fn: F, around: (run: () => unknown) => unknown): F {
  const marked = fn as unknown as Record<symbol, unknown>;
  const name = fn.name;
  // named as `fn` where it is made (a computed key names the function): a parse wraps thousands of
  // macros, and redefining a function's `name` afterwards costs more than the rest of the wrapping
  const wrapped = { [name]: (...args: unknown[]) => around(() => (fn as unknown as (...a: unknown[]) => unknown)(...args)) }[name] as unknown as F;
  const out = wrapped as unknown as Record<symbol, unknown>;
  const macro = marked[MACRO] as ((a: unknown[], k: Record<string, unknown>) => unknown) | undefined;
  if (macro) out[MACRO] = (a: unknown[], k: Record<string, unknown>) => around(() => macro(a, k));
  const host = marked[HOST_FUNCTION] as ((a: unknown[], k: Record<string, unknown>) => unknown) | undefined;
  if (host) out[HOST_FUNCTION] = (a: unknown[], k: Record<string, unknown>) => around(() => host(a, k));
  if (marked[PYTHON_VALUES]) out[PYTHON_VALUES] = true;
  return wrapped;
}
