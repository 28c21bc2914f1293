import { hostFunction, isDict, numberOf, Tuple, typeName } from "@tsdbt/jinja";
import { CompilerError } from "./compiler-error";

/** Python's TypeError from `set()`/`zip()` on a value that is not iterable. */
class NotIterable extends Error {}

/** The items Python would iterate, or NotIterable (None, numbers, booleans, host objects). */
function items(v: unknown): unknown[] {
  if (typeof v === "string") return [...v];
  if (Array.isArray(v)) return v;
  if (v instanceof Map || v instanceof Set) return [...(v instanceof Map ? v.keys() : v)];
  if (isDict(v)) return Object.keys(v);
  if (v !== null && typeof v === "object" && Symbol.iterator in v) return [...(v as Iterable<unknown>)];
  throw new NotIterable(`'${typeName(v)}' object is not iterable`);
}

/** A Python set of hashable items (lists and dicts are not hashable). */
function toSet(v: unknown): Set<unknown> {
  const out = new Set<unknown>();
  const seen = new Set<unknown>();
  for (const x of items(v)) {
    if (Array.isArray(x) && !(x instanceof Tuple)) throw new NotIterable("unhashable type: 'list'");
    if (isDict(x)) throw new NotIterable("unhashable type: 'dict'");
    const key = memberKey(x);
    if (seen.has(key)) continue;
    seen.add(key);
    out.add(x);
  }
  return smallIntOrder(out);
}

/** How many slots CPython's set has after adding `n` members one by one (8, then x4 when 3/5 full). */
function tableSize(n: number): number {
  let size = 8;
  for (let fill = 1; fill <= n; fill++) {
    if (fill * 5 >= (size - 1) * 3) {
      const min = fill > 50000 ? fill * 2 : fill * 4;
      while (size <= min) size *= 2;
    }
  }
  return size;
}

/**
 * CPython hashes a small non-negative int to itself, so a set of ints below its table size
 * iterates in ascending order (`{1, 2, 3}` from `[3, 1, 2]`); other sets keep first-seen order.
 */
function smallIntOrder(members: Set<unknown>): Set<unknown> {
  const values = [...members];
  const size = tableSize(values.length);
  const ints = values.every((v) => (typeof v === "number" && Number.isInteger(v)) || typeof v === "boolean");
  if (!ints || values.some((v) => Number(v) < 0 || Number(v) >= size)) return members;
  return new Set(values.sort((a, b) => Number(a) - Number(b)));
}

/** One key per Python-equal hashable value: 1, 1.0 and True are one member; strings never equal numbers. */
function memberKey(x: unknown): unknown {
  if (typeof x === "string") return `s${x}`;
  if (x === null || x === undefined) return "none";
  const n = numberOf(x);
  if (n !== undefined) return `n${n}`;
  if (x instanceof Tuple) return `t${x.map((i) => String(memberKey(i))).join("\u0000")}`;
  return x;
}

function zipLists(lists: unknown[]): Tuple[] {
  const cols = lists.map((l) => items(l));
  const n = cols.length === 0 ? 0 : Math.min(...cols.map((c) => c.length));
  return Array.from({ length: n }, (_, i) => Tuple.create(cols.map((c) => c[i])));
}

/**
 * dbt's `set(value, default=None)` and `set_strict(value)`: a Python set (printed `{1, 2}`) of an
 * iterable's items; `set` gives `default` for a value that cannot become a set, `set_strict`
 * fails the node (TSDBT-E033). Members keep their first-seen order.
 */
export const setFunctions = {
  set: hostFunction(([value, dflt], kw) => {
    try {
      return toSet(value);
    } catch (e) {
      if (e instanceof NotIterable) return kw.default ?? dflt ?? null;
      throw e;
    }
  }),
  set_strict: hostFunction(([value]) => {
    try {
      return toSet(value);
    } catch (e) {
      if (e instanceof NotIterable) throw new CompilerError("TSDBT-E033", e.message, "set_strict() takes a list, string or dict; use set(value, default) to get a default instead.");
      throw e;
    }
  }),
};

/**
 * dbt's `zip(*iterables, default=None)` and `zip_strict(*iterables)`: tuples of the i-th items,
 * as long as the shortest input. `zip` gives `default` when an argument is not iterable,
 * `zip_strict` fails the node (TSDBT-E033).
 */
export const zipFunctions = {
  zip: hostFunction((lists, kw) => {
    try {
      return zipLists(lists);
    } catch (e) {
      if (e instanceof NotIterable) return kw.default ?? null;
      throw e;
    }
  }),
  zip_strict: hostFunction((lists) => {
    try {
      return zipLists(lists);
    } catch (e) {
      if (e instanceof NotIterable) throw new CompilerError("TSDBT-E033", e.message, "Every argument of zip_strict() must be a list, string or dict; use zip(…, default=…) to get a default instead.");
      throw e;
    }
  }),
};

/**
 * dbt's `diff_of_two_dicts(dict_a, dict_b)`: for dicts of string lists, what `dict_a` has that
 * `dict_b` lacks, comparing keys and values case-insensitively and keeping `dict_a`'s spelling.
 */
export function diffOfTwoDicts(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const fold = (s: string) => String(s).toLowerCase();
  const bLower = new Map(Object.entries(b ?? {}).map(([k, v]) => [fold(k), (v ?? []).map(fold)]));
  const out: Record<string, string[]> = {};
  for (const [k, values] of Object.entries(a ?? {})) {
    const other = bLower.get(fold(k));
    if (other === undefined) {
      out[k] = values;
      continue;
    }
    const missing = values.filter((v) => !other.includes(fold(v)));
    if (missing.length > 0) out[k] = missing;
  }
  return out;
}
