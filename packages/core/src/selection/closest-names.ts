import { closestNames } from "../diagnostics/closest-names";

/** "Did you mean …?" when something close exists, else the list of valid names. */
export function suggestionHint(input: string, candidates: readonly string[], noun: string): string {
  const close = closestNames(input, candidates);
  if (close.length > 0) return `Did you mean ${close.map((name) => `'${name}'`).join(" or ")}?`;
  if (candidates.length === 0) return `No ${noun}s are defined.`;
  return `Valid ${noun}s are: ${candidates.join(", ")}.`;
}
