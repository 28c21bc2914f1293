import type { MacroRegistry } from "../context/macro-registry";

/** The names the static reader answers itself instead of calling them. */
const STATICALLY_ANSWERED = ["ref", "source", "config", "is_incremental"] as const;

/**
 * True when templates of `packageName` may be read without rendering: no macro of the root project
 * or of that package takes the place of ref, source, config or is_incremental (dbt's static parser
 * steps aside for such projects too; the project's macro has to run).
 */
export function staticReadAllowed(registry: MacroRegistry, packageName: string): boolean {
  return !STATICALLY_ANSWERED.some((name) => registry.isOverridden(name, packageName));
}
