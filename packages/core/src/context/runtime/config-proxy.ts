import { hostFunction } from "@tsdbt/jinja";
import { CompilerError } from "../compiler-error";
import { checkConfigLayer } from "../../config/config-types";
import { isPlainObject } from "../../config/vars";

/** The config a template sees: `config(...)` records, `config.get(key, default)` reads. */
export interface ConfigAccess {
  /** Called for `config(key=value, …)` or `config({...})`. */
  set(values: Record<string, unknown>): void;
  /** The current value of a config key. */
  get(key: string): unknown;
}

/**
 * Which `config` object a render gets, as in dbt:
 * - `parse`: `config(...)` records; `config.get`, `require`, `meta_get`, `meta_require` give `''`
 *   (dbt's parse-time stand-ins: the node's final config is not known yet);
 * - `runtime`: `config(...)` is handed to the scope, which ignores it except for a generic test
 *   (dbt captures a test macro's own config() call); `get`/`require` read the node's config
 *   (also used for generate_*_name while naming, as dbt does).
 */
export type ConfigPhase = "parse" | "runtime";

/**
 * The values of a `config(...)` call: keyword arguments, or one dictionary. Throws TSDBT-E032 for
 * a positional value that is not a dictionary (`config('table')`) or for both forms at once, and
 * TSDBT-E028 for a documented key whose value has the wrong type (`enabled='notbool'`).
 */
export function configCallValues(args: unknown[], kw: Record<string, unknown>): Record<string, unknown> {
  const [dict] = args;
  if (args.length > 1 || (dict !== undefined && dict !== null && !isPlainObject(dict))) {
    const shown = typeof dict === "string" ? `'${dict.length > 30 ? `${dict.slice(0, 30)}…` : dict}'` : Array.isArray(dict) ? "a list" : String(dict);
    throw new CompilerError("TSDBT-E032", `config() takes keyword arguments or one dictionary, not the positional value ${shown}.`, typeof dict === "string" ? `Name the setting: config(materialized=${JSON.stringify(dict)}).` : "Write config(key=value, …) or config({'key': value}).");
  }
  if (dict !== undefined && dict !== null && Object.keys(kw).length > 0) throw new CompilerError("TSDBT-E032", "config() takes either one dictionary or keyword arguments, not both.", "Write config(key=value, …) or config({'key': value}).");
  const values = isPlainObject(dict) ? { ...dict } : { ...kw };
  for (const old of ["pre_hook", "post_hook"]) {
    if (old in values) {
      values[old.replace("_", "-")] = values[old];
      delete values[old];
    }
  }
  const [problem] = checkConfigLayer(values, "in the config() call");
  if (problem) throw new CompilerError("TSDBT-E028", problem.message, problem.hint);
  return values;
}

function configCall(access: ConfigAccess) {
  return hostFunction((args, kw) => {
    access.set(configCallValues(args, kw));
    return "";
  });
}

/** The parse-time `config` object (see {@link ConfigPhase}). */
export function parseConfigProxy(access: ConfigAccess): unknown {
  const call = configCall(access);
  return Object.assign(call, {
    get: hostFunction(() => ""),
    require: hostFunction(() => ""),
    meta_get: hostFunction(() => ""),
    meta_require: hostFunction(() => ""),
    set: hostFunction(([name, value]) => call({ [String(name)]: value })),
    persist_relation_docs: () => false,
    persist_column_docs: () => false,
  });
}

/** The run-time `config` object (see {@link ConfigPhase}); `owner` names the node in errors. */
export function runtimeConfigProxy(access: ConfigAccess, owner: string): unknown {
  const lookup = (key: string): unknown => access.get(key);
  const meta = (key: string): unknown => {
    const m = access.get("meta");
    return m && typeof m === "object" ? (m as Record<string, unknown>)[key] : undefined;
  };
  const missing = (key: string): never => {
    throw new CompilerError("TSDBT-E032", `Required config '${key}' was not found for ${owner}.`, `Set '${key}' in the node's config() call, its properties file or dbt_project.yml.`);
  };
  const persist = (part: string) => {
    const docs = access.get("persist_docs");
    return Boolean(docs && typeof docs === "object" && (docs as Record<string, unknown>)[part]);
  };
  return Object.assign(configCall(access), {
    get: hostFunction(([key, dflt], kw) => {
      const v = lookup(String(key ?? kw.name));
      return v === undefined ? (dflt ?? kw.default ?? null) : v;
    }),
    require: hostFunction(([key], kw) => {
      const v = lookup(String(key ?? kw.name));
      return v === undefined ? missing(String(key ?? kw.name)) : v;
    }),
    meta_get: hostFunction(([key, dflt], kw) => {
      const v = meta(String(key ?? kw.name));
      return v === undefined ? (dflt ?? kw.default ?? null) : v;
    }),
    meta_require: hostFunction(([key], kw) => {
      const v = meta(String(key ?? kw.name));
      return v === undefined ? missing(String(key ?? kw.name)) : v;
    }),
    set: hostFunction(() => ""),
    persist_relation_docs: () => persist("relation"),
    persist_column_docs: () => persist("columns"),
  });
}
