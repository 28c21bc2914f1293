import { parseCriterion } from "./parse-criterion";
import type { SelectionErrorLocation } from "./selection-error";
import type { SelectionSpec } from "./selection-spec";

/**
 * Parses CLI-style selection values: each value may hold several space-separated specs
 * (a union), and each spec may join criteria with commas (an intersection).
 * `["a b", "c,d"]` is `a ∪ b ∪ (c ∩ d)`. Returns undefined when there is no spec at all.
 */
export function parseCliValues(values: readonly string[], location: SelectionErrorLocation = {}): SelectionSpec | undefined {
  const tokens = values.flatMap((value) => value.split(/\s+/)).filter((token) => token !== "");
  if (tokens.length === 0) return undefined;
  const parts = tokens.map((token): SelectionSpec => {
    const criteria = token.split(",").map((piece): SelectionSpec => ({
      kind: "criterion",
      criterion: parseCriterion(piece, location),
    }));
    return criteria.length === 1 ? criteria[0] : { kind: "intersection", parts: criteria };
  });
  return parts.length === 1 ? parts[0] : { kind: "union", parts };
}
