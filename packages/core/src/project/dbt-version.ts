/** The dbt-core version whose behaviour and artifacts tsdbt follows, for `require-dbt-version`. */
export const DBT_COMPATIBLE_VERSION = "1.9.0";

/**
 * Whether `version` satisfies every constraint (`>=1.5.0`, `<2.0.0`, `1.9.0`, `1.9.*`).
 * Returns `undefined` for a constraint it cannot read.
 */
export function satisfiesDbtVersion(version: string, constraints: readonly string[]): boolean | undefined {
  const have = parseVersion(version);
  if (!have) return undefined;
  for (const raw of constraints) {
    for (const part of raw.split(",")) {
      const m = /^\s*(>=|<=|>|<|==|=)?\s*v?([\d.*x]+)\s*$/.exec(part);
      if (!m) return undefined;
      const op = m[1] ?? "=";
      const want = m[2].split(".");
      const cmp = compare(have, want);
      const ok =
        op === ">=" ? cmp >= 0 : op === "<=" ? cmp <= 0 : op === ">" ? cmp > 0 : op === "<" ? cmp < 0 : cmp === 0;
      if (!ok) return false;
    }
  }
  return true;
}

function parseVersion(v: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Compares a version to a pattern; `*`/`x` and missing parts match anything. */
function compare(have: number[], want: string[]): number {
  for (let i = 0; i < 3; i++) {
    const w = want[i];
    if (w === undefined || w === "*" || w === "x") return 0;
    const diff = have[i] - Number(w);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
