import type { RelColumn } from "./expression-lineage";
import type { Origin } from "./transformations";

/**
 * A relation as the analyser sees it: ordered output columns, and — when its columns are not
 * all known (a `select *` over a table nobody described) — a resolver for any other name.
 */
export interface Rel {
  columns: RelColumn[];
  /** Resolves a name not among `columns` (relations of unknown shape). */
  open?: (name: string) => RelColumn | undefined;
  /** Columns that decide which rows the relation has (its filters, joins, groupings). */
  indirect: Origin[];
}

/** Looks a column up by name (case-insensitive), falling back to the open resolver. */
export function findColumn(rel: Rel, name: string): RelColumn | undefined {
  const lower = name.toLowerCase();
  return rel.columns.find((c) => c.name.toLowerCase() === lower) ?? rel.open?.(name);
}

/** A relation in a FROM clause under its alias. */
export interface ScopeSource {
  /** Alias, or the table's own name; lower case. */
  alias: string;
  rel: Rel;
}

/**
 * The names a SELECT can see: its FROM sources, the output aliases defined so far (lateral
 * aliases, ORDER BY / GROUP BY aliases) and, for a correlated subquery, the enclosing scope.
 */
export class SelectScope {
  readonly sources: ScopeSource[] = [];
  readonly aliases = new Map<string, RelColumn>();

  constructor(readonly outer?: SelectScope) {}

  /** Resolves `table.column` or a bare `column`; known columns first, then open relations, then outer scopes. */
  resolve(table: string | null, column: string, preferAliases = false): RelColumn | undefined {
    if (table) {
      const t = table.toLowerCase();
      const src = this.sources.find((s) => s.alias === t);
      if (src) return findColumn(src.rel, column);
      return this.outer?.resolve(table, column);
    }
    const lower = column.toLowerCase();
    if (preferAliases && this.aliases.has(lower)) return this.aliases.get(lower);
    for (const s of this.sources) {
      const c = s.rel.columns.find((x) => x.name.toLowerCase() === lower);
      if (c) return c;
    }
    for (const s of this.sources) {
      const c = s.rel.open?.(column);
      if (c) return c;
    }
    return this.aliases.get(lower) ?? this.outer?.resolve(null, column);
  }
}
