import { createHash, randomUUID } from "node:crypto";
import { dump as dumpYaml } from "js-yaml";
import { loadPyYaml } from "../yaml/pyyaml-schema";
import { hostFunction } from "@tsdbt/jinja";
import { CompilerError } from "./compiler-error";
import { datetimeModule, PyDateTime } from "./py-datetime";

/** The target as templates see it (`target.name`, `target.schema`, …); secrets removed. */
export type TargetContext = Record<string, unknown> & { name: string; schema: string; type: string; profile_name: string };

/** What the invocation-wide context is built from. */
export interface BaseContextInput {
  projectName: string;
  target: TargetContext;
  /** Looks up a var for a package: CLI > per-package > global; undefined when unset. */
  lookupVar: (name: string, packageName: string) => unknown;
  /** The process environment (recorded reads feed partial-parse invalidation). */
  env: Record<string, string | undefined>;
  invocationId?: string;
  runStartedAt?: Date;
  /** Receives `log()`/`print()` output. */
  log?: (message: string, info: boolean) => void;
  flags?: Record<string, unknown>;
}

/**
 * The context every render shares: var, env_var, target, run_started_at, invocation_id,
 * modules, exceptions, log/print, json/yaml helpers, local_md5, zip, set.
 * Node contexts inherit from it through the prototype chain (no copying per node).
 */
export function createBaseContext(input: BaseContextInput, envVarsRead: Map<string, string | undefined>): Record<string, unknown> {
  const runStartedAt = new PyDateTime(input.runStartedAt ?? new Date());
  const log = input.log ?? (() => undefined);
  const envVar = hostFunction(([name, dflt]) => {
    const key = String(name);
    const value = input.env[key];
    envVarsRead.set(key, value);
    if (value !== undefined) return value;
    if (dflt !== undefined) return dflt;
    throw new CompilerError("TSDBT-E004", `Env var required but not provided: '${key}'.`, `Set ${key} in the environment, or give env_var('${key}', 'default') a default.`);
  });
  return {
    project_name: input.projectName,
    target: input.target,
    env_var: envVar,
    var: createPackageVar(input.lookupVar, input.projectName),
    run_started_at: runStartedAt,
    invocation_id: input.invocationId ?? randomUUID(),
    dbt_version: "1.10.0",
    flags: { FULL_REFRESH: false, STORE_FAILURES: false, WHICH: "compile", ...input.flags },
    modules: { datetime: datetimeModule(), re: pyRe, pytz: { utc: "UTC", timezone: (z: string) => z }, itertools: {} },
    exceptions: {
      raise_compiler_error: (msg: unknown) => {
        throw new CompilerError("TSDBT-E030", String(msg));
      },
      warn: (msg: unknown) => log(`Warning: ${String(msg)}`, true),
      raise_not_implemented: (msg: unknown) => {
        throw new CompilerError("TSDBT-E031", `Not implemented: ${String(msg)}`);
      },
    },
    log: hostFunction(([msg, info], kwargs) => {
      log(String(msg), Boolean(kwargs.info ?? info));
      return "";
    }),
    print: (msg: unknown) => {
      log(String(msg), true);
      return "";
    },
    fromjson: (s: string, dflt?: unknown) => {
      try {
        return JSON.parse(s);
      } catch {
        return dflt ?? null;
      }
    },
    tojson: hostFunction(([v], kw) => JSON.stringify(v, null, kw.indent === undefined ? undefined : Number(kw.indent)) ?? "null"),
    fromyaml: (s: string, dflt?: unknown) => {
      try {
        return loadPyYaml(s);
      } catch {
        return dflt ?? null;
      }
    },
    toyaml: (v: unknown) => dumpYaml(v),
    local_md5: (s: string) => createHash("md5").update(String(s)).digest("hex"),
    zip: (...lists: unknown[][]) => {
      const n = Math.min(...lists.map((l) => (Array.isArray(l) ? l.length : 0)));
      return Array.from({ length: n }, (_, i) => lists.map((l) => l[i]));
    },
    set: (xs: unknown) => [...new Set(Array.isArray(xs) ? xs : xs == null ? [] : [xs])],
    try_or_compiler_error: hostFunction(([message, fn, ...args]) => {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } catch {
        throw new CompilerError("TSDBT-E030", String(message));
      }
    }),
  };
}

/**
 * dbt's `var(name, default)` as seen from one package: CLI vars, then the root project's vars
 * scoped to that package, then global ones. A missing var without default is TSDBT-E008.
 */
export function createPackageVar(lookupVar: BaseContextInput["lookupVar"], packageName: string) {
  return Object.assign(
    hostFunction(([name, dflt]) => {
      const value = lookupVar(String(name), packageName);
      if (value !== undefined) return value;
      if (dflt !== undefined) return dflt;
      throw new CompilerError("TSDBT-E008", `Required var '${String(name)}' not found in config.`, `Define it under 'vars:' in dbt_project.yml, pass --vars '{${String(name)}: …}', or give var() a default.`);
    }),
    { has_var: (name: string) => lookupVar(name, packageName) !== undefined },
  );
}

/** `modules.re` with Python's common functions over JavaScript regular expressions. */
const pyRe = {
  compile: (p: string, flags?: number) => new RegExp(p, flags ? "i" : ""),
  match: (p: string, s: string) => new RegExp(`^(?:${p})`).exec(s),
  search: (p: string, s: string) => new RegExp(p).exec(s),
  fullmatch: (p: string, s: string) => new RegExp(`^(?:${p})$`).exec(s),
  findall: (p: string, s: string) => [...s.matchAll(new RegExp(p, "g"))].map((m) => (m.length > 2 ? m.slice(1) : m[1] ?? m[0])),
  sub: (p: string, r: string, s: string) => s.replace(new RegExp(p, "g"), r.replace(/\\(\d)/g, "$$$1")),
  split: (p: string, s: string) => s.split(new RegExp(p)),
  escape: (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
  IGNORECASE: 2,
  I: 2,
};
