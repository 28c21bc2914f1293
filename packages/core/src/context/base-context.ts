import { SECRET_ENV_PREFIX } from "../config/env-var";
import { createHash, randomUUID } from "node:crypto";
import { hostFunction, pyStr } from "@tsdbt/jinja";
import { CompilerError } from "./compiler-error";
import { contextExceptions } from "./context-exceptions";
import { diffOfTwoDicts, setFunctions, zipFunctions } from "./py-collections";
import { JsonTypeError, JsonValueError, pyJsonDumps, pyJsonLoads } from "./py-json";
import { pyYamlSafeLoad } from "./py-yaml-load";
import { pyYamlDump, YamlRepresentError } from "./py-yaml-dump";
import { dbtFlags } from "./dbt-flags";

/** The dbt-core version tsdbt behaves as (`dbt_version`, require-dbt-version checks). */
export const DBT_VERSION = "1.10.23";

/** The target as templates see it (`target.name`, `target.schema`, …); secrets removed. */
export type TargetContext = Record<string, unknown> & { name: string; schema: string; type: string; profile_name: string };

/** What the invocation-wide context is built from. */
/** The context a node renders a var's Jinja text in (dbt renders it as part of the node: ref, source and this work). */
export interface VarRenderScope {
  context: Record<string, unknown>;
  resolveGlobal: (name: string) => unknown;
}

export interface BaseContextInput {
  projectName: string;
  target: TargetContext;
  /** Looks up a var for a package: CLI > per-package > global; undefined when unset. */
  /** A var's value; a text value holding Jinja is rendered, in `renderIn` when given (a node's context). */
  lookupVar: (name: string, packageName: string, renderIn?: VarRenderScope) => unknown;
  /** The process environment (recorded reads feed partial-parse invalidation). */
  env: Record<string, string | undefined>;
  invocationId?: string;
  runStartedAt?: Date;
  /** Receives `log()`/`print()` output. */
  log?: (message: string, info: boolean) => void;
  /** Receives `exceptions.warn()` messages (else they go to `log` as `Warning: …`). */
  warn?: (message: string) => void;
  /** Receives `print()` output (else it goes to `log` as info). */
  print?: (message: string) => void;
  flags?: Record<string, unknown>;
  /** `invocation_args_dict` (see invocationArgsDict); else the flags in lower case. */
  invocationArgs?: Record<string, unknown>;
}

/**
 * The context every render shares: var, env_var, target, project_name, run_started_at,
 * invocation_id, dbt_version, flags, modules, exceptions, log/print, the json/yaml helpers,
 * set/zip (and their strict forms), local_md5, diff_of_two_dicts, thread_id, selected_resources.
 * Node contexts inherit from it through the prototype chain (no copying per node), so an entry
 * that differs between parse and run (thread_id) reads the node context's `execute`.
 */
export function createBaseContext(input: BaseContextInput, envVarsRead: Map<string, string | undefined>): Record<string, unknown> {
  const startedAt = input.runStartedAt ?? new Date();
  const log = input.log ?? (() => undefined);
  const flags = dbtFlags(input.flags);
  const envVar = hostFunction(([name, dflt]) => {
    const key = String(name);
    // dbt reads secret variables in profiles.yml and packages.yml only, never in a model or macro
    if (key.startsWith(SECRET_ENV_PREFIX)) {
      throw new CompilerError("TSDBT-E027", `Secret env vars are allowed only in profiles.yml or packages.yml, but '${key}' is read here.`, `Read ${key} in profiles.yml (or packages.yml) only, or rename the variable if it is not a secret.`);
    }
    const value = input.env[key];
    envVarsRead.set(key, value);
    if (value !== undefined) return value;
    if (dflt !== undefined) return dflt;
    throw new CompilerError("TSDBT-E004", `Env var required but not provided: '${key}'.`, `Set ${key} in the environment, or give env_var('${key}', 'default') a default.`);
  });
  const base: Record<string, unknown> = {
    project_name: input.projectName,
    target: input.target,
    env_var: envVar,
    var: createPackageVar(input.lookupVar, input.projectName),
    invocation_id: input.invocationId ?? randomUUID(),
    dbt_version: DBT_VERSION,
    flags,
    invocation_args_dict: input.invocationArgs ?? Object.fromEntries(Object.entries(flags).map(([k, v]) => [k.toLowerCase(), v])),
    dbt_metadata_envs: metadataEnvs(input.env),
    selected_resources: [],
    exceptions: contextExceptions(input.warn ?? ((msg) => log(`Warning: ${msg}`, true))),
    log: hostFunction(([msg, info], kw) => {
      log(pyStr(msg), Boolean(kw.info ?? info));
      return "";
    }),
    print: hostFunction(([msg]) => {
      if (input.print) input.print(pyStr(msg));
      else log(pyStr(msg), true);
      return "";
    }),
    fromjson: hostFunction(([text, dflt], kw) => {
      try {
        return pyJsonLoads(String(text));
      } catch (e) {
        if (e instanceof JsonValueError) return kw.default ?? dflt ?? null;
        throw e;
      }
    }),
    tojson: hostFunction(([value, dflt], kw) => {
      try {
        return pyJsonDumps(value, Boolean(kw.sort_keys));
      } catch (e) {
        // as in dbt, `default` stands in for a value json.dumps refuses (a circular list), not for a type it cannot write
        if (!(e instanceof JsonTypeError) && (dflt !== undefined || kw.default !== undefined)) return kw.default ?? dflt;
        throw new CompilerError("TSDBT-E030", (e as Error).message, "tojson() takes strings, numbers, booleans, none, lists and dicts: pass relation.render() or str(value) for other objects.");
      }
    }, { pythonValues: true }),
    fromyaml: hostFunction(([text, dflt], kw) => {
      try {
        return pyYamlSafeLoad(String(text));
      } catch {
        return kw.default ?? dflt ?? null;
      }
    }),
    toyaml: hostFunction(([value, dflt], kw) => {
      // PyYAML cannot represent Jinja's Undefined: dbt gives the default
      if (value === undefined) return kw.default ?? dflt ?? null;
      try {
        return pyYamlDump(value, Boolean(kw.sort_keys));
      } catch (e) {
        if (e instanceof YamlRepresentError) return kw.default ?? dflt ?? null;
        throw e;
      }
    }, { pythonValues: true }),
    local_md5: (s: unknown) => createHash("md5").update(pyStr(s)).digest("hex"),
    diff_of_two_dicts: (a: Record<string, string[]>, b: Record<string, string[]>) => diffOfTwoDicts(a, b),
    ...setFunctions,
    ...zipFunctions,
    try_or_compiler_error: hostFunction(([message, fn, ...args]) => {
      try {
        return (fn as (...a: unknown[]) => unknown)(...args);
      } catch {
        throw new CompilerError("TSDBT-E030", pyStr(message));
      }
    }),
  };
  // dbt names the parsing thread MainThread and its worker threads Thread-N (worker)
  Object.defineProperty(base, "thread_id", {
    enumerable: true,
    get(this: Record<string, unknown>) {
      return this.execute ? "Thread-1 (worker)" : "MainThread";
    },
  });
  // the Python stand-ins load on first use: a parse of static models never needs them
  lazy(base, "modules", () => (require("./modules/context-modules") as typeof import("./modules/context-modules")).contextModules());
  lazy(base, "run_started_at", () => {
    const { PyDateTime } = require("./modules/py-datetime") as typeof import("./modules/py-datetime");
    const { UTC } = require("./modules/py-tz") as typeof import("./modules/py-tz");
    return PyDateTime.fromInstant(startedAt.getTime() * 1000, UTC);
  });
  return base;
}

/** Defines `name` on `target` as a value computed on first read, then kept. */
function lazy(target: Record<string, unknown>, name: string, make: () => unknown): void {
  let value: unknown;
  let made = false;
  Object.defineProperty(target, name, {
    enumerable: true,
    get() {
      if (!made) {
        value = make();
        made = true;
      }
      return value;
    },
  });
}

/** `dbt_metadata_envs`: the DBT_ENV_CUSTOM_ENV_* variables, without the prefix (they also go into artifacts' metadata). */
function metadataEnvs(env: Record<string, string | undefined>): Record<string, string> {
  const prefix = "DBT_ENV_CUSTOM_ENV_";
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith(prefix) && v !== undefined) out[k.slice(prefix.length)] = v;
  return out;
}

/**
 * dbt's `var(name, default)` as seen from one package: CLI vars, then the root project's vars
 * scoped to that package, then global ones. A missing var without default is TSDBT-E008.
 */
export function createPackageVar(lookupVar: BaseContextInput["lookupVar"], packageName: string, renderIn?: VarRenderScope) {
  return Object.assign(
    hostFunction(([name, positionalDefault], kw) => {
      const dflt = positionalDefault !== undefined ? positionalDefault : kw.default;
      const value = lookupVar(String(name), packageName, renderIn);
      if (value !== undefined) return value;
      if (dflt !== undefined) return dflt;
      throw new CompilerError("TSDBT-E008", `Required var '${String(name)}' not found in config.`, `Define it under 'vars:' in dbt_project.yml, pass --vars '{${String(name)}: …}', or give var() a default.`);
    }),
    { has_var: (name: string) => lookupVar(name, packageName) !== undefined },
  );
}
