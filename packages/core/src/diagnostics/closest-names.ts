import { compareNames } from "../util/compare-names";

/** Edit distance between two names, ignoring case and treating `-` and `_` alike. */
function editDistance(left: string, right: string): number {
  const a = left.toLowerCase().replace(/_/g, "-");
  const b = right.toLowerCase().replace(/_/g, "-");
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The candidates closest to `name` (at most `limit`, best first), keeping only those near
 * enough to be a plausible typo: within a third of the name's length, and at least 2 edits.
 */
export function closestNames(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const threshold = Math.max(2, Math.floor(name.length / 3));
  const scored: [string, number][] = [];
  for (const candidate of new Set(candidates)) {
    if (Math.abs(candidate.length - name.length) > threshold) continue;
    const d = editDistance(name, candidate);
    if (d <= threshold) scored.push([candidate, d]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || compareNames(x[0], y[0]))
    .slice(0, limit)
    .map(([c]) => c);
}

/** The single closest candidate, or undefined. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  return closestNames(name, candidates, 1)[0];
}

/** "Did you mean 'a' or 'b'?", or undefined when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const close = closestNames(name, candidates);
  return close.length ? `Did you mean ${close.map((c) => `'${c}'`).join(" or ")}?` : undefined;
}
