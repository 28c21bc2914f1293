/**
 * An error raised on purpose while rendering: `exceptions.raise_compiler_error(msg)`,
 * a ref to a missing model, a missing var or env var. Carries a stable code and a hint;
 * the renderer attaches file and position.
 */
export class CompilerError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = "CompilerError";
    this.code = code;
    this.hint = hint;
  }
}

/** Thrown when a template asks the warehouse for data while no connection is open. */
export class WarehouseNeededError extends Error {
  constructor(what: string) {
    super(`${what} needs a warehouse connection`);
    this.name = "WarehouseNeededError";
  }
}
