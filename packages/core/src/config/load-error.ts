import type { Diagnostic } from "../diagnostics/diagnostic";

/**
 * Thrown by the `env_var()` and `var()` implementations when a value is missing; the
 * YAML and SQL renderers turn it into a located {@link Diagnostic}.
 */
export class ConfigValueError extends Error {
  readonly code: string;
  readonly hint: string;
  constructor(code: string, message: string, hint: string) {
    super(message);
    this.name = "ConfigValueError";
    this.code = code;
    this.hint = hint;
  }
}

/** Finds a {@link ConfigValueError} in an error or its `cause` chain (template engines wrap errors). */
export function findConfigValueError(e: unknown): ConfigValueError | undefined {
  let current: unknown = e;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof ConfigValueError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The result of a loader: the value when it could be built, and every diagnostic found. */
export interface LoadResult<T> {
  value: T | null;
  diagnostics: Diagnostic[];
}
