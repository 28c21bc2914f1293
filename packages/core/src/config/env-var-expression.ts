import { HOST_FUNCTION } from "@tsdbt/jinja";
import { createEnvVarFunction, type EnvironmentVariables } from "./env-var";
import { convertMarked } from "./native-render";

/**
 * A YAML value that is only `{{ env_var('NAME') }}` or `{{ env_var('NAME', 'default') }}`, optionally
 * with one marker filter (`| as_number`, …): how profiles.yml files usually read their connection.
 * Names and defaults are plain quoted text (no backslash, no quote inside).
 */
const ENV_VAR_ONLY = /^\{\{-?\s*env_var\(\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*(?:,\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*)?\)\s*(?:\|\s*(as_number|as_bool|as_native|as_text)\s*)?-?\}\}$/;

/** What {@link evaluateEnvVarExpression} needs from the YAML render context. */
export interface EnvVarExpressionContext {
  env: EnvironmentVariables;
  onEnvRead?: (name: string, value: string | undefined) => void;
  secretsAllowed?: boolean;
}

/**
 * The value of a YAML string that is one `env_var()` call (see {@link ENV_VAR_ONLY}), computed
 * without compiling a template; the same value Jinja's native rendering gives (the variable's text,
 * converted by its marker filter). `undefined` when the text is anything else or the call fails
 * (unset without default, a secret where none is allowed, a failed conversion): the caller then
 * renders the text with Jinja, which reports the error as before.
 */
export function evaluateEnvVarExpression(text: string, context: EnvVarExpressionContext): { value: unknown } | undefined {
  const m = ENV_VAR_ONLY.exec(text.trim() === text ? text : "");
  if (!m) return undefined;
  const name = m[1] ?? m[2];
  const fallback = m[3] ?? m[4];
  const envVar = createEnvVarFunction(context.env, context.onEnvRead, context.secretsAllowed);
  try {
    const value = envVar[HOST_FUNCTION](fallback === undefined ? [name] : [name, fallback], {}) as string;
    return { value: m[5] ? convertMarked(value, m[5]) : value };
  } catch {
    return undefined;
  }
}
