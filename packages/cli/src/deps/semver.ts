/**
 * Version requirements of hub packages, as dbt reads them: `1.2.3`, `=1.2.3`, `>=1.0.0`,
 * `<2.0.0`, `>1.0.0`, `<=1.4.0`, with optional `-prerelease` and `+build`. Every requirement of a
 * package (the project's and its packages' own) narrows one range; the highest published
 * version inside it wins.
 */

/** A parsed version, with the comparison it stands for in a requirement. */
export interface VersionRequirement {
  op: "=" | ">" | ">=" | "<" | "<=";
  major: number;
  minor: number;
  patch: number;
  prerelease?: string;
  /** The text it was read from. */
  text: string;
}

const PATTERN = /^(>=|>|<=|<|=)?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-?([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]*)?$/;

/** Reads one requirement or version; `undefined` when it is not a valid semantic version. */
export function parseRequirement(text: string): VersionRequirement | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  return { op: (m[1] ?? "=") as VersionRequirement["op"], major: Number(m[2]), minor: Number(m[3]), patch: Number(m[4]), prerelease: m[5], text };
}

function comparePrerelease(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // a release sorts after its prereleases
  if (b === undefined) return -1;
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : undefined;
    const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : undefined;
    if (na !== undefined && nb !== undefined) {
      if (na !== nb) return na < nb ? -1 : 1;
    } else if (na !== undefined) return -1;
    else if (nb !== undefined) return 1;
    else if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return Math.sign(pa.length - pb.length);
}

/** Orders two versions by precedence (the operator is ignored). */
export function compareVersions(a: VersionRequirement, b: VersionRequirement): number {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch) || comparePrerelease(a.prerelease, b.prerelease);
}

/** True when `version` meets one requirement. */
export function satisfies(version: VersionRequirement, req: VersionRequirement): boolean {
  const c = compareVersions(version, req);
  switch (req.op) {
    case "=":
      return c === 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "<":
      // `<2.0.0` keeps out 2.0.0's prereleases too, as dbt does
      return c < 0 && !(req.prerelease === undefined && version.prerelease !== undefined && version.major === req.major && version.minor === req.minor && version.patch === req.patch);
    case "<=":
      return c <= 0;
  }
}

/**
 * True when some version could meet every requirement (dbt reports "Could not find a
 * satisfactory version" otherwise, before looking at what is published).
 */
export function requirementsCompatible(reqs: VersionRequirement[]): boolean {
  const exact = reqs.filter((r) => r.op === "=");
  if (exact.length) return exact.every((e) => reqs.every((r) => satisfies(e, r)));
  let low: VersionRequirement | undefined;
  let high: VersionRequirement | undefined;
  for (const r of reqs) {
    if (r.op === ">" || r.op === ">=") {
      const c = low ? compareVersions(r, low) : 1;
      if (c > 0 || (c === 0 && r.op === ">")) low = r;
    } else {
      const c = high ? compareVersions(r, high) : -1;
      if (c < 0 || (c === 0 && r.op === "<")) high = r;
    }
  }
  if (!low || !high) return true;
  const c = compareVersions(low, high);
  return c < 0 || (c === 0 && low.op === ">=" && high.op === "<=");
}

/**
 * The highest of `available` meeting every requirement; prereleases only when `prerelease`
 * is set or a requirement names one. `undefined` when none does.
 */
export function highestSatisfying(available: string[], reqs: VersionRequirement[], prerelease: boolean): string | undefined {
  const allowPre = prerelease || reqs.some((r) => r.prerelease !== undefined);
  let best: { text: string; v: VersionRequirement } | undefined;
  for (const text of available) {
    const v = parseRequirement(text);
    if (!v || v.op !== "=" || (v.prerelease !== undefined && !allowPre)) continue;
    if (!reqs.every((r) => satisfies(v, r))) continue;
    if (!best || compareVersions(v, best.v) > 0) best = { text, v };
  }
  return best?.text;
}

/** The highest installable version of `available` (for "Updated version available"). */
export function latestVersion(available: string[], prerelease: boolean): string | undefined {
  return highestSatisfying(available, [], prerelease);
}
