import { fail } from "./signals";
import { isDict, Tuple, typeName } from "./values";

/** The items Python's `for` would visit: list items, string characters, dict keys. Undefined iterates as empty. */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return [...v];
  if (v === undefined) return [];
  if (v === null || typeof v !== "object") return fail(`'${typeName(v)}' object is not iterable`);
  if (v instanceof Map) return [...v.keys()];
  if (Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  if (isDict(v)) return Object.keys(v);
  return fail(`'${typeName(v)}' object is not iterable`);
}

/** Unpacks `v` into exactly `n` values, as `a, b = v` does. */
export function unpack(v: unknown, n: number): unknown[] {
  if (v === null || (typeof v !== "object" && typeof v !== "string" && v !== undefined)) fail(`cannot unpack non-iterable ${typeName(v)} object`);
  const items = iterate(v);
  if (items.length > n) fail(`too many values to unpack (expected ${n})`);
  if (items.length < n) fail(`not enough values to unpack (expected ${n}, got ${items.length})`);
  return items;
}

/** Builds a tuple. */
export function tuple(items: unknown[]): Tuple {
  return Tuple.create(items);
}
