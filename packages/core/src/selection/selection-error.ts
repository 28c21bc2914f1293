import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";

/** Code for an unknown method, a malformed spec or an unknown selector name. */
export const SELECTION_ERROR_CODE = "TSDBT-E021";
/** Code for a `state:` selection made without a state manifest. */
export const STATE_REQUIRED_CODE = "TSDBT-E020";

/** Where a selection problem was written, when it came from a file (selectors.yml). */
export type SelectionErrorLocation = Pick<Diagnostic, "file" | "line" | "col" | "snippet">;

/** Builds the {@link DiagnosticError} thrown for a selection the user got wrong. */
export function selectionError(
  message: string,
  hint: string,
  location: SelectionErrorLocation = {},
  code: string = SELECTION_ERROR_CODE,
): DiagnosticError {
  return new DiagnosticError([{ code, severity: "error", message, hint, ...location }]);
}
