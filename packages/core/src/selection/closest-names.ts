function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1] + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length];
}

/**
 * The candidates closest to `input` by edit distance (at most `limit`), keeping only those
 * near enough to be a plausible typo.
 */
export function closestNames(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(input.length / 3));
  return [...new Set(candidates)]
    .map((name) => ({ name, distance: editDistance(input.toLowerCase(), name.toLowerCase()) }))
    .filter((entry) => entry.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** "Did you mean …?" when something close exists, else the list of valid names. */
export function suggestionHint(input: string, candidates: readonly string[], noun: string): string {
  const close = closestNames(input, candidates);
  if (close.length > 0) return `Did you mean ${close.map((name) => `'${name}'`).join(" or ")}?`;
  if (candidates.length === 0) return `No ${noun}s are defined.`;
  return `Valid ${noun}s are: ${candidates.join(", ")}.`;
}
