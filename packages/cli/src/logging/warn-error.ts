import { loadPyYaml } from "@tsdbt/core";

/** What `--warn-error` / `--warn-error-options` make of warnings (dbt's rules: silence > warn > error). */
export interface WarnErrorPolicy {
  /** Warnings that become errors: every one, or these event names. */
  error: "all" | string[];
  /** Warnings that stay warnings even when `error` is "all". */
  warn: string[];
  /** Warnings not printed at all. */
  silence: string[];
}

/** No warning becomes an error. */
export const WARNINGS_STAY_WARNINGS: WarnErrorPolicy = { error: [], warn: [], silence: [] };

const names = (value: unknown): string[] | "all" => {
  if (value === "all" || value === "*") return "all";
  if (Array.isArray(value)) return value.map(String);
  return [];
};

/**
 * The policy of `--warn-error` (every warning is an error) and `--warn-error-options`
 * (YAML or JSON: `{error: all | [names], warn: [names], silence: [names]}`; dbt's older
 * `include`/`exclude` keys are read as `error`/`warn`). Throws on text that is not a mapping.
 */
export function warnErrorPolicy(warnError: boolean, options: string | undefined): WarnErrorPolicy {
  const policy: WarnErrorPolicy = { error: warnError ? "all" : [], warn: [], silence: [] };
  if (!options) return policy;
  const parsed = loadPyYaml(options);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`--warn-error-options must be a mapping with keys 'error', 'warn' and 'silence', got '${options}'.`);
  }
  const o = parsed as Record<string, unknown>;
  const error = names(o.error ?? o.include);
  if (error === "all" || error.length) policy.error = error === "all" ? "all" : policy.error === "all" ? "all" : error;
  const warn = names(o.warn ?? o.exclude);
  policy.warn = warn === "all" ? [] : warn;
  const silence = names(o.silence);
  policy.silence = silence === "all" ? [] : silence;
  return policy;
}

/** What becomes of a warning event under a policy. */
export function warningOutcome(policy: WarnErrorPolicy, eventName: string): "error" | "warn" | "silence" {
  if (policy.silence.includes(eventName)) return "silence";
  if (policy.warn.includes(eventName)) return "warn";
  if (policy.error === "all" || policy.error.includes(eventName)) return "error";
  return "warn";
}
