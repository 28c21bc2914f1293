import { isDict } from "@tsdbt/jinja";

/** The items Python would iterate over: list items, string characters, dict keys, set members. */
export function iterateLike(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return [...v];
  if (v instanceof Map) return [...v.keys()];
  if (v !== null && typeof v === "object" && Symbol.iterator in v) return [...(v as Iterable<unknown>)];
  if (isDict(v)) return Object.keys(v);
  throw new TypeError(`'${v === null ? "NoneType" : typeof v}' object is not iterable`);
}
