import type { Hook } from "../manifest/types";
import { isPlainObject } from "./vars";

/** A node config layer with keys as dbt names them (no `+`), values as written or normalised. */
export type ConfigLayer = Record<string, unknown>;

const HOOK_ALIASES: Readonly<Record<string, string>> = { pre_hook: "pre-hook", post_hook: "post-hook" };

/**
 * Normalises one config layer the way dbt stores configs: `pre_hook`/`post_hook` renamed to
 * `pre-hook`/`post-hook`, hooks turned into `{sql, transaction, index}` lists, `tags` into a
 * list, `materialized` trimmed and lower-cased. Other keys are kept as they are.
 */
export function normaliseConfig(layer: ConfigLayer): ConfigLayer {
  const out: ConfigLayer = {};
  for (const [rawKey, value] of Object.entries(layer)) {
    const key = HOOK_ALIASES[rawKey] ?? rawKey;
    if (key === "pre-hook" || key === "post-hook") out[key] = [...((out[key] as Hook[] | undefined) ?? []), ...normaliseHooks(value)];
    else if (key === "tags") out.tags = normaliseTags(value);
    else if (key === "materialized" && typeof value === "string") out.materialized = value.trim().toLowerCase();
    else out[key] = value;
  }
  return out;
}

/** `"tag"` → `["tag"]`; a list keeps its text items; nothing → `[]`. */
export function normaliseTags(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((t) => t !== null && t !== undefined).map((t) => String(t));
}

/**
 * A hook value as written (`"sql"`, `["sql", …]`, `{sql, transaction}` or a list of those)
 * → dbt's hook objects. `transaction` defaults to true; `index` is null until the runner orders them.
 */
export function normaliseHooks(value: unknown): Hook[] {
  // null and undefined become [null] / [undefined], which the loop skips
  const items = Array.isArray(value) ? value : [value];
  const hooks: Hook[] = [];
  for (const raw of items) {
    const item = typeof raw === "string" ? (hookConfigText(raw) ?? raw) : raw;
    if (typeof item === "string") {
      if (item.trim() !== "") hooks.push({ sql: item, transaction: true, index: null });
    } else if (isPlainObject(item) && typeof item.sql === "string") {
      hooks.push({
        sql: item.sql,
        transaction: item.transaction !== false,
        index: typeof item.index === "number" ? item.index : null,
      });
    }
  }
  return hooks;
}

/**
 * The `{sql, transaction}` hook a string holds as JSON, as `before_begin()`, `after_commit()` and
 * `in_transaction()` write it (dbt reads every hook string as JSON first); undefined for SQL.
 */
function hookConfigText(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) && typeof parsed.sql === "string" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
