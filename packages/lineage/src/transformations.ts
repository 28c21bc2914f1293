import type { Transformation, TransformationSubtype, UpstreamColumn } from "./types";

/** DIRECT/IDENTITY: the value is copied unchanged. */
export const IDENTITY: Transformation = { type: "DIRECT", subtype: "IDENTITY" };
/** DIRECT/TRANSFORMATION: the value is computed from the input (cast, function, arithmetic). */
export const TRANSFORMATION: Transformation = { type: "DIRECT", subtype: "TRANSFORMATION" };
/** DIRECT/AGGREGATION: the value is computed over a group of rows. */
export const AGGREGATION: Transformation = { type: "DIRECT", subtype: "AGGREGATION" };

/** An INDIRECT transformation of the given subtype. */
export function indirect(subtype: TransformationSubtype): Transformation {
  return { type: "INDIRECT", subtype };
}

const DIRECT_RANK: Partial<Record<TransformationSubtype, number>> = { IDENTITY: 0, TRANSFORMATION: 1, AGGREGATION: 2 };

/**
 * How an input reaches an output through two steps: `outer` applied to a value that `inner`
 * produced. Indirect wins (a filter column stays a filter column downstream, the inner one
 * first); between direct ones the stronger wins (IDENTITY < TRANSFORMATION < AGGREGATION).
 */
export function compose(outer: Transformation, inner: Transformation): Transformation {
  if (inner.type === "INDIRECT") return inner;
  if (outer.type === "INDIRECT") return outer;
  return (DIRECT_RANK[outer.subtype] ?? 0) >= (DIRECT_RANK[inner.subtype] ?? 0) ? outer : inner;
}

/** Orders transformations: direct before indirect, stronger direct first, then by subtype name. */
export function compareTransformations(a: Transformation, b: Transformation): number {
  if (a.type !== b.type) return a.type === "DIRECT" ? -1 : 1;
  if (a.type === "DIRECT") return (DIRECT_RANK[b.subtype] ?? 0) - (DIRECT_RANK[a.subtype] ?? 0);
  return a.subtype.localeCompare(b.subtype);
}

/** One traced input: a node's column reached through one transformation. */
export interface Origin {
  node: string;
  column: string;
  t: Transformation;
}

/** Groups origins by node and column, with distinct transformations, in first-seen order. */
export function toUpstream(origins: Iterable<Origin>): UpstreamColumn[] {
  const byKey = new Map<string, UpstreamColumn>();
  for (const o of origins) {
    const key = `${o.node}\u0000${o.column.toLowerCase()}`;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { node: o.node, column: o.column, transformations: [] }));
    if (!entry.transformations.some((t) => t.type === o.t.type && t.subtype === o.t.subtype)) entry.transformations.push({ ...o.t });
  }
  for (const e of byKey.values()) e.transformations.sort(compareTransformations);
  return [...byKey.values()];
}

/** Removes repeated origins (same node, column and transformation). */
export function dedupeOrigins(origins: Origin[]): Origin[] {
  const seen = new Set<string>();
  return origins.filter((o) => {
    const key = `${o.node}\u0000${o.column.toLowerCase()}\u0000${o.t.type}/${o.t.subtype}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
