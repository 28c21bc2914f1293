import { createBaseContext, type TargetContext } from "../context/base-context";
import type { LoadedProfile } from "./load-profile";

/** Profile keys never shown to templates as `target.<key>`. */
const SECRET_KEYS = new Set(["password", "pass", "private_key", "private_key_passphrase", "keyfile_json", "token", "refresh_token", "client_secret"]);

/**
 * The target as templates see it: the adapter's defaults for settings the profile leaves out, the
 * profile target's settings without secrets, plus `name`, `target_name`, `profile_name`, `type`,
 * `threads`, and the adapter's resolved `schema`/`database`.
 */
export function targetContext(profile: LoadedProfile, location: { database: string | null; schema: string }, defaults: Readonly<Record<string, unknown>> = {}): TargetContext {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(profile.target)) if (!SECRET_KEYS.has(k)) out[k] = v;
  return {
    ...out,
    name: profile.targetName,
    target_name: profile.targetName,
    profile_name: profile.profileName,
    type: profile.target.type,
    schema: location.schema,
    database: location.database,
    threads: profile.threads,
  } as TargetContext;
}

/**
 * dbt's `target` for commands that read dbt_project.yml without a profile (deps, clean): every
 * key reads as the empty text, so `target.type == 'duckdb'` is simply false.
 */
export function unsetTarget(): TargetContext {
  return new Proxy({} as TargetContext, {
    get: (_t, key) => (typeof key === "string" ? "" : undefined),
    has: () => true,
  });
}

/** What a YAML file's context is built from. */
export interface YamlContextInput {
  /** `target`; absent while profiles.yml and packages.yml are read (dbt shows none there). */
  target?: TargetContext;
  /** `project_name`, which dbt shows in properties files only. */
  projectName?: string;
  /** The process environment; `env_var()` itself is given by the YAML renderer. */
  env: Record<string, string | undefined>;
  invocationId?: string;
  runStartedAt?: Date;
  flags?: Record<string, unknown>;
  log?: (message: string, info: boolean) => void;
}

/**
 * The context dbt renders YAML values in when it loads a file: its base context (`modules`,
 * `run_started_at`, `invocation_id`, `flags`, `dbt_version`, `fromjson`/`tojson`, `log`, …)
 * with `builtins`, plus `target` and `project_name` where dbt has them. No macros, `ref`,
 * `source` or `config`. `env_var` and `var` are supplied by the renderer (see renderYamlValues).
 */
export function createYamlContext(input: YamlContextInput): Record<string, unknown> {
  const base = createBaseContext(
    {
      projectName: input.projectName ?? "",
      target: input.target ?? ({} as TargetContext),
      lookupVar: () => undefined,
      env: input.env,
      invocationId: input.invocationId,
      runStartedAt: input.runStartedAt,
      flags: input.flags,
      log: input.log,
    },
    new Map(),
  );
  const context: Record<string, unknown> = { ...base, thread_id: "MainThread" };
  if (input.target === undefined) delete context.target;
  if (input.projectName === undefined) delete context.project_name;
  context.builtins = { ...context };
  return context;
}
