/** Privilege → grantees: the `grants` config as written, or the grants a relation holds. */
export type GrantMap = Record<string, string[]>;

/** The relation a grant statement names. */
export interface GrantTarget {
  /** The rendered, quoted name. */
  relation: string;
  database: string | null;
  schema: string;
  identifier: string;
  kind: "table" | "view";
}

/**
 * How an engine reads and changes the grants on a relation (dbt's `grants` config). The runner
 * grants what the config lists after each build and, where the relation may still hold older
 * grants, reads them first and revokes what the config no longer lists.
 */
export interface GrantsDialect {
  /** A query answering the grants other roles hold on `target` (the owner's own left out). */
  showGrants(target: GrantTarget): string;
  /**
   * Privilege → grantees from the rows of {@link showGrants}, without the grants a build must
   * never revoke (ownership, shares).
   */
  readGrants(rows: readonly Record<string, unknown>[]): GrantMap;
  /** Statements granting `privilege` on `target` to `grantees` (as the config writes them). */
  grant(target: GrantTarget, privilege: string, grantees: readonly string[]): string[];
  /** Statements revoking `privilege` on `target` from `grantees` (as the warehouse reported them). */
  revoke(target: GrantTarget, privilege: string, grantees: readonly string[]): string[];
  /**
   * Whether `create or replace` keeps the grants of the relation it replaces, so they must be
   * read and reconciled after such a rebuild (dbt's `copy_grants()`). A relation renamed into
   * place or dropped and created never holds grants, whatever this says.
   */
  replaceKeepsGrants(config: Readonly<Record<string, unknown>>): boolean;
}

/** A value of the `grants` config (`{select: "a"}`, `{select: ["a", "b"]}`) as a {@link GrantMap}. */
export function grantMapOf(value: unknown): GrantMap {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  const out: GrantMap = {};
  for (const [privilege, grantees] of Object.entries(value as Record<string, unknown>)) {
    const list = grantees === null || grantees === undefined ? [] : Array.isArray(grantees) ? grantees : [grantees];
    out[privilege] = list.map(String).filter((g) => g.trim() !== "");
  }
  return out;
}

/**
 * The grants of `a` that `b` lacks, privilege by privilege; privileges and grantees compare
 * case-insensitively (`select` in the config matches `SELECT` in the catalog), and each keeps
 * the spelling of `a`.
 */
export function grantsMissingFrom(a: GrantMap, b: GrantMap): GrantMap {
  const fold = (s: string) => s.toLowerCase();
  const have = new Map<string, Set<string>>();
  for (const [privilege, grantees] of Object.entries(b)) {
    const set = have.get(fold(privilege)) ?? new Set<string>();
    for (const g of grantees) set.add(fold(g));
    have.set(fold(privilege), set);
  }
  const out: GrantMap = {};
  for (const [privilege, grantees] of Object.entries(a)) {
    const present = have.get(fold(privilege));
    const missing = grantees.filter((g) => !present?.has(fold(g)));
    if (missing.length > 0) out[privilege] = missing;
  }
  return out;
}
