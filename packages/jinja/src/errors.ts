import type { TemplateLocation } from "./api";

/**
 * An error in a template, located in the template's own text (never in generated JavaScript).
 * `code` is `TSDBT-J001` for syntax errors and `TSDBT-J002` for errors raised while rendering.
 * An error thrown by a host function keeps it as `cause` (so callers can recognise their own errors).
 */
export class JinjaError extends Error implements TemplateLocation {
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** The template line the error is on. */
  readonly snippet: string | undefined;
  constructor(code: string, message: string, loc: TemplateLocation, snippet?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "JinjaError";
    this.code = code;
    this.file = loc.file;
    this.line = loc.line;
    this.col = loc.col;
    this.snippet = snippet;
  }
}
