import { createHash } from "node:crypto";
import { pyRepr, pyStr } from "@tsdbt/jinja";

/** What dbt records of a generic test call: the macro's name, its namespace and its keyword arguments. */
export interface TestMetadata {
  name: string;
  namespace: string | null;
  kwargs: Record<string, unknown>;
}

/**
 * Rewrites metadata the way dbt does before hashing it: mappings with their keys sorted, lists
 * kept, every other value turned into its Python `str()` (so `None`, `True`, `0.5`).
 */
function hashable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hashable);
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    // a Map keeps the sorted order even for keys that look like integers
    return new Map(Object.keys(obj).sort().map((k) => [k, hashable(obj[k])]));
  }
  return pyStr(value);
}

/**
 * The 10-hex suffix of a generic test's unique id: the end of the md5 of its name followed by the
 * Python repr of its metadata (sorted keys, values as strings). Two tests with the same name and
 * arguments but different configs get the same suffix, as in dbt.
 */
export function genericTestHash(name: string, metadata: TestMetadata): string {
  const text = name + pyRepr(hashable({ kwargs: metadata.kwargs, name: metadata.name, namespace: metadata.namespace }));
  return createHash("md5").update(text, "utf8").digest("hex").slice(-10);
}
