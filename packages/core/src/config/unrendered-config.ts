import type { ConfigLayer } from "./normalise-config";

const HOOK_KEYS: Readonly<Record<string, string>> = { pre_hook: "pre-hook", post_hook: "post-hook" };

/**
 * A node's `unrendered_config` as dbt 1.10 records it: the config layers it was given (dbt_project.yml
 * folders as written, then properties YAML, then the file's `config()` call), each value as that
 * layer wrote it, a later layer replacing a key whole (no adding up of tags or merging of meta),
 * keys in the order they first appear; `pre_hook`/`post_hook` spelled `pre-hook`/`post-hook`.
 */
export function unrenderedConfig(...layers: ConfigLayer[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) out[HOOK_KEYS[key] ?? key] = value;
  }
  return out;
}
