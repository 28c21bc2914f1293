import { HOST_FUNCTION, PYTHON_VALUES } from "./host-function";
import { MACRO } from "./runtime/macro";

/**
 * Returns a callable that behaves as `fn` (a macro, a host function or a plain function) in
 * templates and JavaScript, with every call made through `around` (which must call `run` and
 * return its result): e.g. to know how deep in macro calls a render is.
 */
export function wrapCallable<F extends (...args: never[]) => unknown>(fn: F, around: (run: () => unknown) => unknown): F {
  const marked = fn as unknown as Record<symbol, unknown>;
  const wrapped = ((...args: unknown[]) => around(() => (fn as unknown as (...a: unknown[]) => unknown)(...args))) as unknown as F;
  const out = wrapped as unknown as Record<symbol, unknown>;
  for (const entry of [MACRO, HOST_FUNCTION]) {
    const inner = marked[entry] as ((a: unknown[], k: Record<string, unknown>) => unknown) | undefined;
    if (inner) out[entry] = (a: unknown[], k: Record<string, unknown>) => around(() => inner(a, k));
  }
  if (marked[PYTHON_VALUES]) out[PYTHON_VALUES] = true;
  if (typeof fn.name === "string") Object.defineProperty(wrapped, "name", { value: fn.name });
  return wrapped;
}
