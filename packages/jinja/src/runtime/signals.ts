/** An error a template caused while rendering (a Python TypeError, an undefined call…); gets located by the caller. */
export class RenderFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderFailure";
  }
}

/** Thrown by `return(value)` and caught by the innermost macro call, which then evaluates to `value`. */
export class MacroReturn {
  constructor(readonly value: unknown) {}
}

/** Throws a {@link RenderFailure}. */
export function fail(message: string): never {
  throw new RenderFailure(message);
}
