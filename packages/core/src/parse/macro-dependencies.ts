import type { StaticMacroCall } from "@tsdbt/jinja";
import { BUILTIN_PACKAGE, type MacroRegistry, type RegisteredMacro } from "../context/macro-registry";

/** dbt macros tsdbt implements in the render context instead of as templates; a call still depends on `macro.dbt.<name>`. */
export const CONTEXT_MACROS: ReadonlySet<string> = new Set(["is_incremental", "run_query", "statement"]);

/** Names dbt's static scan never takes for macro calls: ref/source/config and the base context's functions. */
const NOT_MACROS: ReadonlySet<string> = new Set([
  "ref", "source", "config",
  "dbt_version", "diff_of_two_dicts", "env_var", "flags", "fromjson", "fromyaml", "invocation_id", "local_md5", "log", "modules", "print",
  "project_name", "return", "run_started_at", "set", "set_strict", "target", "thread_id", "tojson", "toyaml", "var", "zip", "zip_strict",
]);

/**
 * A macro's `depends_on.macros` as dbt fills it from a static scan of its body: each call by
 * name (looked up in the macro's own package first, then by name alone: the root project, the
 * installed packages, the built-ins), each `pkg.name(...)` (in `pkg` first), and for
 * `adapter.dispatch('name', 'ns')` the dispatched name and the implementation dispatch picks.
 * A call of the macro's own name is skipped; names that resolve to no macro are dropped.
 */
export function macroDependencies(macro: RegisteredMacro, calls: StaticMacroCall[], registry: MacroRegistry): string[] {
  const out: string[] = [];
  const push = (id: string | undefined) => {
    if (id !== undefined && !out.includes(id)) out.push(id);
  };
  const byName = (pkg: string, name: string) => {
    const found = (registry.hasPackage(pkg) ? registry.inPackage(pkg, name) : undefined) ?? registry.findByName(name);
    if (found) return found.uniqueId;
    return CONTEXT_MACROS.has(name) && (pkg === macro.packageName || pkg === BUILTIN_PACKAGE) ? `macro.${BUILTIN_PACKAGE}.${name}` : undefined;
  };
  for (const call of calls) {
    if ("dispatch" in call) {
      if (call.dispatch !== macro.name) push(byName(macro.packageName, call.dispatch));
      const chosen = registry.dispatch(call.dispatch, call.namespace, macro.packageName);
      if (chosen && chosen.uniqueId !== macro.uniqueId) push(chosen.uniqueId);
    } else if (call.package === undefined) {
      if (call.name !== macro.name && !NOT_MACROS.has(call.name)) push(byName(macro.packageName, call.name));
    } else push(byName(call.package, call.name));
  }
  return out;
}
