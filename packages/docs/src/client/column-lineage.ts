import type { SiteEntry } from "../shared/site-data";

/** A column of an entry (or of an id the index does not hold). */
export interface ColumnRef {
  entry: number | string;
  column: string;
  /** How it feeds the column it was reached from (transformation subtype), when recorded. */
  how?: string;
}

/** Column lineage around one column: the columns and edges (upstream → downstream). */
export interface ColumnGraph {
  columns: ColumnRef[];
  edges: [number, number][];
  /** True when the walk stopped at the size limit. */
  truncated: boolean;
}

const keyOf = (r: ColumnRef) => `${r.entry}\u0000${r.column.toLowerCase()}`;

/**
 * Walks column lineage (entry.lineage: column → upstream columns) up and down from a column.
 * The downstream index is built once, on first use.
 */
export class ColumnLineage {
  private downstream?: Map<string, ColumnRef[]>;

  constructor(private readonly entries: SiteEntry[]) {}

  /** Upstream columns of one column, as recorded. */
  upstreamOf(ref: ColumnRef): ColumnRef[] {
    if (typeof ref.entry !== "number") return [];
    const lineage = this.entries[ref.entry]?.lineage;
    if (!lineage) return [];
    const name = Object.keys(lineage).find((c) => c.toLowerCase() === ref.column.toLowerCase());
    return name ? lineage[name].map(([entry, column, how]) => (how ? { entry, column, how } : { entry, column })) : [];
  }

  /** Downstream columns of one column. */
  downstreamOf(ref: ColumnRef): ColumnRef[] {
    if (!this.downstream) {
      this.downstream = new Map();
      this.entries.forEach((e, i) => {
        for (const [col, ups] of Object.entries(e.lineage ?? {})) {
          for (const [entry, column, how] of ups) {
            const k = keyOf({ entry, column });
            const list = this.downstream!.get(k) ?? [];
            list.push(how ? { entry: i, column: col, how } : { entry: i, column: col });
            this.downstream!.set(k, list);
          }
        }
      });
    }
    return this.downstream.get(keyOf(ref)) ?? [];
  }

  /** True when any entry has column lineage. */
  get available(): boolean {
    return this.entries.some((e) => e.lineage !== undefined);
  }

  /** The lineage of `start` in both directions, at most `limit` columns. */
  graph(start: ColumnRef, limit = 300): ColumnGraph {
    const columns: ColumnRef[] = [start];
    const at = new Map<string, number>([[keyOf(start), 0]]);
    const edges = new Set<string>();
    let truncated = false;
    const add = (r: ColumnRef): number | undefined => {
      const k = keyOf(r);
      let i = at.get(k);
      if (i === undefined) {
        if (columns.length >= limit) {
          truncated = true;
          return undefined;
        }
        i = columns.push(r) - 1;
        at.set(k, i);
        return -1 - i;
      }
      return i;
    };
    for (const direction of ["up", "down"] as const) {
      const queue = [0];
      const seen = new Set<number>([0]);
      while (queue.length) {
        const from = queue.shift()!;
        const next = direction === "up" ? this.upstreamOf(columns[from]) : this.downstreamOf(columns[from]);
        for (const r of next) {
          const got = add(r);
          if (got === undefined) continue;
          const to = got < 0 ? -1 - got : got;
          edges.add(direction === "up" ? `${to},${from}` : `${from},${to}`);
          if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
    }
    return { columns, edges: [...edges].map((e) => e.split(",").map(Number) as [number, number]), truncated };
  }
}
