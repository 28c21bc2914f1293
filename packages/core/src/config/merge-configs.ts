import { normaliseConfig, type ConfigLayer } from "./normalise-config";
import { isPlainObject } from "./vars";

/** Keys whose lists add up across layers. */
const APPEND_KEYS = new Set(["tags", "pre-hook", "post-hook"]);
/** Keys whose mappings merge key by key (later keys win). */
const UPDATE_KEYS = new Set(["meta", "docs", "persist_docs", "quoting", "column_types", "contract"]);

/**
 * Merges config layers, most general first, with dbt's rules: `tags` and hooks accumulate
 * (tags without repeats), `meta`/`docs`/`persist_docs`/`quoting`/`column_types`/`contract` merge key by
 * key, `grants` merges by privilege (a `+select` key adds grantees instead of replacing them),
 * and every other key is replaced by the later layer. Each layer is normalised first
 * (see {@link normaliseConfig}); `undefined` values are skipped.
 */
export function mergeConfigs(...layers: ConfigLayer[]): ConfigLayer {
  const merged: ConfigLayer = {};
  for (const raw of layers) {
    const layer = normaliseConfig(raw);
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const current = merged[key];
      if (APPEND_KEYS.has(key)) {
        const combined = [...((current as unknown[] | undefined) ?? []), ...(value as unknown[])];
        merged[key] = key === "tags" ? [...new Set(combined as string[])] : combined;
      } else if (UPDATE_KEYS.has(key) && isPlainObject(value) && isPlainObject(current)) {
        merged[key] = { ...current, ...value };
      } else if (key === "grants" && isPlainObject(value)) {
        merged[key] = mergeGrants(isPlainObject(current) ? current : {}, value);
      } else {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function mergeGrants(current: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [rawKey, value] of Object.entries(next)) {
    const grantees = toList(value);
    if (rawKey.startsWith("+")) {
      const key = rawKey.slice(1);
      out[key] = [...new Set([...toList(out[key]), ...grantees])];
    } else {
      out[rawKey] = grantees;
    }
  }
  return out;
}

function toList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => String(v));
}
