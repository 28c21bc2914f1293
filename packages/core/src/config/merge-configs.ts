import { normaliseHooks, normaliseTags, type ConfigLayer } from "./normalise-config";
import { isPlainObject } from "./vars";

/** Keys whose mappings merge key by key (later keys win). */
const UPDATE_KEYS = new Set(["meta", "docs", "persist_docs", "quoting", "column_types", "contract"]);

/**
 * Merges config layers, most general first, with dbt's rules: `tags` and hooks accumulate
 * (tags without repeats), `meta`/`docs`/`persist_docs`/`quoting`/`column_types`/`contract` merge key by
 * key, `grants` merges by privilege (a `+select` key adds grantees instead of replacing them),
 * and every other key is replaced by the later layer. Each value is normalised as
 * {@link normaliseConfig} would (`pre_hook` is `pre-hook`, hooks and tags are lists, `materialized`
 * lower-cased); `undefined` values are skipped. A parse merges a few layers for every node, test and
 * source: keys are normalised as they are merged, without a normalised copy of each layer.
 */
export function mergeConfigs(...layers: ConfigLayer[]): ConfigLayer {
  const merged: ConfigLayer = {};
  for (const layer of layers) {
    for (const rawKey of Object.keys(layer)) {
      const value = layer[rawKey];
      const key = rawKey === "pre_hook" ? "pre-hook" : rawKey === "post_hook" ? "post-hook" : rawKey;
      const current = merged[key];
      if (key === "pre-hook" || key === "post-hook") {
        merged[key] = [...((current as unknown[] | undefined) ?? []), ...normaliseHooks(value)];
      } else if (key === "tags") {
        merged.tags = [...new Set([...((current as string[] | undefined) ?? []), ...normaliseTags(value)])];
      } else if (value === undefined) {
        continue;
      } else if (key === "materialized" && typeof value === "string") {
        merged.materialized = value.trim().toLowerCase();
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
