import { hostFunction, type HostFunction } from "@tsdbt/jinja";
import { ConfigValueError } from "./load-error";

/** Environment variables as a plain lookup (usually `process.env`). */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/**
 * dbt's `env_var(name, default)`: the variable's value as a string, else the default,
 * else a TSDBT-E004 {@link ConfigValueError}. `onRead` sees every variable read (for partial parse).
 */
export function createEnvVarFunction(env: EnvironmentVariables, onRead?: (name: string, value: string | undefined) => void): HostFunction {
  return hostFunction((args, kwargs) => {
    const name = String(args[0] ?? kwargs.var ?? "");
    const hasDefault = args.length > 1 || "default" in kwargs;
    const fallback = args.length > 1 ? args[1] : kwargs.default;
    const value = env[name];
    onRead?.(name, value);
    if (value !== undefined) return value;
    if (hasDefault) return fallback === null || fallback === undefined ? fallback : String(fallback);
    throw new ConfigValueError(
      "TSDBT-E004",
      `The environment variable '${name}' is required but not set.`,
      `Set ${name} in the environment, or give a default: env_var('${name}', 'value').`,
    );
  });
}
