import type { Diagnostic } from "../diagnostics/diagnostic";
import { diagnosticAt, type YamlProblem } from "../yaml/diagnostic-at";
import type { ParsedYaml, YamlPathSegment } from "../yaml/parse-yaml";
import { isPlainObject } from "../config/vars";

/**
 * Reads typed fields out of a mapping from a YAML file, reporting a located error
 * (`code`, default TSDBT-E003) for a value of the wrong type and returning the fallback.
 */
export class FieldReader {
  constructor(
    private readonly parsed: ParsedYaml,
    private readonly source: Record<string, unknown>,
    private readonly base: readonly YamlPathSegment[],
    private readonly diagnostics: Diagnostic[],
    private readonly code = "TSDBT-E003",
  ) {}

  /** Whether `key` is set to something other than null. */
  has(key: string): boolean {
    return this.source[key] !== undefined && this.source[key] !== null;
  }

  string(key: string, fallback: string): string;
  string(key: string, fallback: null): string | null;
  string(key: string, fallback: string | null): string | null {
    const v = this.source[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    this.wrongType(key, "a text value");
    return fallback;
  }

  /** A list of strings; a single string counts as a one-item list. */
  stringList(key: string, fallback: string[]): string[] {
    const v = this.source[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === "string") return [v];
    if (Array.isArray(v) && v.every((item) => typeof item === "string")) return v as string[];
    this.wrongType(key, "a list of text values");
    return fallback;
  }

  mapping(key: string): Record<string, unknown> {
    const v = this.source[key];
    if (v === undefined || v === null) return {};
    if (isPlainObject(v)) return v;
    this.wrongType(key, "a mapping of keys to values");
    return {};
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.source[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    this.wrongType(key, "true or false");
    return fallback;
  }

  /** Reports a located error about the value of `key`. */
  error(key: string, message: string, hint?: string): void {
    this.report(key, { code: this.code, message, hint });
  }

  /** Reports any problem located at the value of `key`. */
  report(key: string, problem: YamlProblem): void {
    this.diagnostics.push(diagnosticAt(this.parsed, [...this.base, key], problem, true));
  }

  private wrongType(key: string, expected: string): void {
    const v = this.source[key];
    const got = Array.isArray(v) ? "a list" : isPlainObject(v) ? "a mapping" : `${typeof v} '${String(v)}'`;
    this.error(key, `'${key}' in ${this.parsed.file} must be ${expected}, but it is ${got}.`, `Change '${key}' to ${expected}.`);
  }
}
