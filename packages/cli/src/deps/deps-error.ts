import { DiagnosticError } from "@tsdbt/core";

/** Codes of `tsdbt deps` (docs/errors.md). */
export const DEPS_CODES = {
  /** A `private:` package: needs a git provider integration tsdbt (like dbt Core) does not have. */
  privatePackage: "TSDBT-E057",
  /** The hub does not know the package. */
  unknownPackage: "TSDBT-E058",
  /** No published version meets every requirement, or the requirements contradict each other. */
  noVersion: "TSDBT-E059",
  /** The hub or a download could not be reached, or answered an error. */
  unreachable: "TSDBT-E060",
  /** A git clone or checkout failed. */
  git: "TSDBT-E061",
  /** A package entry or a fetched package is malformed (bad version, two packages with one name…). */
  invalid: "TSDBT-E062",
} as const;

/** A deps failure as a Diagnostic (exit code 2, no stack trace), at the entry's file and line when known. */
export function depsError(code: string, message: string, hint: string, file?: string, line?: number): DiagnosticError {
  return new DiagnosticError([{ code, severity: "error", message, hint, ...(file ? { file } : {}), ...(file && line ? { line } : {}) }]);
}
