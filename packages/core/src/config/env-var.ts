import { hostFunction, type HostFunction } from "@tsdbt/jinja";
import { ConfigValueError } from "./load-error";

/** Environment variables as a plain lookup (usually `process.env`). */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

/** dbt's prefix of environment variables that may be read only in profiles.yml and packages.yml. */
export const SECRET_ENV_PREFIX = "DBT_ENV_SECRET";

/**
 * dbt's `env_var(name, default)`: the variable's value as a string, else the default,
 * else a TSDBT-E004 {@link ConfigValueError}. `onRead` sees every variable read (for partial parse).
 * Unless `secretsAllowed` (profiles.yml, packages.yml), a name starting with `DBT_ENV_SECRET`
 * is a TSDBT-E027 error, as in dbt.
 */
export function createEnvVarFunction(env: EnvironmentVariables, onRead?: (name: string, value: string | undefined) => void, secretsAllowed = false): HostFunction {
  return hostFunction((args, kwargs) => {
    const name = String(args[0] ?? kwargs.var ?? "");
    if (!secretsAllowed && name.startsWith(SECRET_ENV_PREFIX)) {
      throw new ConfigValueError(
        "TSDBT-E027",
        `Secret env vars are allowed only in profiles.yml or packages.yml, but '${name}' is read here.`,
        `Read ${name} in profiles.yml (or packages.yml) only, or rename the variable if it is not a secret.`,
      );
    }
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
