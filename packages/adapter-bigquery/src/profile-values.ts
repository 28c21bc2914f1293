import type { ProfileTarget } from "@tsdbt/adapter-api";
import { bigqueryError, BigQueryErrorCode } from "./bigquery-errors";

/**
 * Readers of single target keys that fail with TSDBT-E130. Messages quote a bad value only for
 * keys that hold no secret; `secret` keys are described by their type, never their contents.
 */
export class TargetKeys {
  constructor(private readonly target: ProfileTarget) {}

  has(key: string): boolean {
    const value = this.target[key];
    return value !== undefined && value !== null && value !== "";
  }

  string(key: string, options: { secret?: boolean } = {}): string | undefined {
    const value = this.target[key];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "number" && !options.secret) return String(value);
    if (typeof value !== "string") {
      const shown = options.secret ? `a ${Array.isArray(value) ? "list" : typeof value}` : JSON.stringify(value);
      throw invalid(`The bigquery target's ${key} must be a string, not ${shown}.`, `Quote the ${key} in profiles.yml.`);
    }
    return value;
  }

  required(key: string, hint: string, options: { secret?: boolean } = {}): string {
    const value = this.string(key, options);
    if (value === undefined) throw invalid(`The bigquery target has no ${key}.`, hint);
    return value;
  }

  /** A whole number of at least `min`, or `fallback` when the key is absent. Numeric strings are accepted. */
  wholeNumber<T extends number | null>(key: string, fallback: T, min: number): number | T {
    const raw = this.target[key];
    if (raw === undefined || raw === null || raw === "") return fallback;
    const value = typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
      throw invalid(`The bigquery target's ${key} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}.`, `Set \`${key}: ${Math.max(min, 1)}\` or leave it out.`);
    }
    return value;
  }

  /** One of `allowed` (compared case-insensitively, returned as listed), or `fallback`. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(key);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!found) throw invalid(`The bigquery target's ${key} '${value}' is not one of ${allowed.join(", ")}.`, `Use \`${key}: ${fallback}\`, or leave it out.`);
    return found;
  }

  /** A list of strings (a single string is a list of one), or `fallback`. */
  stringList(key: string, fallback: string[]): string[] {
    const raw = this.target[key];
    if (raw === undefined || raw === null) return fallback;
    const list = Array.isArray(raw) ? raw : [raw];
    if (!list.every((item) => typeof item === "string" && item !== "")) {
      throw invalid(`The bigquery target's ${key} must be a list of strings, not ${JSON.stringify(raw)}.`, `Write \`${key}: [${fallback.map((f) => `'${f}'`).join(", ")}]\`.`);
    }
    return list as string[];
  }
}

/** A TSDBT-E130 error. */
export function invalid(message: string, hint: string) {
  return bigqueryError(BigQueryErrorCode.invalidProfile, message, hint);
}
