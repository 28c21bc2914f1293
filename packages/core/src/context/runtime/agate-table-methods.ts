import type { QueryResult } from "@tsdbt/adapter-api";
import { hostFunction, pyStr, isDict, numberOf } from "@tsdbt/jinja";

/**
 * agate Table methods that make a new table from a query result, as packages call them on
 * `run_query` results: `rename(column_names)` (a list of new names, or a dict old → new),
 * `select(keys)`, `exclude(keys)`, `order_by(key, reverse=False)`, `limit(start_or_stop, stop)`.
 * `make` wraps the derived result as a table.
 */
export function tableMethods<T>(result: QueryResult, make: (derived: QueryResult) => T): Record<string, unknown> {
  const names = result.columns.map((c) => c.name);
  const keyList = (keys: unknown): string[] => (typeof keys === "string" ? [keys] : [...((keys ?? []) as Iterable<unknown>)].map((k) => pyStr(k)));
  const pick = (kept: string[]): T => make({ ...result, columns: kept.map((k) => result.columns[names.indexOf(k)]!), rows: result.rows.map((r) => Object.fromEntries(kept.map((k) => [k, r[k]]))) });
  const unknown = (key: string): never => {
    throw new Error(`KeyError: '${key}'`);
  };
  return {
    rename: hostFunction(([columnNames], kw) => {
      const given = kw.column_names ?? columnNames;
      if (given === undefined || given === null) return make(result);
      const mapping = isDict(given) ? (given as Record<string, unknown>) : null;
      const list = mapping ? null : keyList(given);
      const renamed = names.map((n, i) => (mapping ? (n in mapping ? pyStr(mapping[n]) : n) : (list![i] ?? n)));
      return make({
        ...result,
        columns: result.columns.map((c, i) => ({ ...c, name: renamed[i]! })),
        rows: result.rows.map((r) => Object.fromEntries(names.map((n, i) => [renamed[i]!, r[n]]))),
      });
    }),
    select: hostFunction(([keys], kw) => pick(keyList(kw.key ?? keys).map((k) => (names.includes(k) ? k : unknown(k))))),
    exclude: hostFunction(([keys], kw) => {
      const dropped = new Set(keyList(kw.key ?? keys));
      return pick(names.filter((n) => !dropped.has(n)));
    }),
    order_by: hostFunction(([key, reverse], kw) => {
      const keys = keyList(kw.key ?? key);
      for (const k of keys) if (!names.includes(k)) unknown(k);
      const descending = Boolean(kw.reverse ?? reverse);
      const compare = (a: unknown, b: unknown): number => {
        // agate sorts None first
        if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
        if (b === null || b === undefined) return 1;
        const x = numberOf(a) ?? a;
        const y = numberOf(b) ?? b;
        return (x as never) < (y as never) ? -1 : (x as never) > (y as never) ? 1 : 0;
      };
      const rows = result.rows.map((r, i) => ({ r, i }));
      rows.sort((p, q) => {
        for (const k of keys) {
          const c = compare(p.r[k], q.r[k]);
          if (c !== 0) return descending ? -c : c;
        }
        return p.i - q.i;
      });
      return make({ ...result, rows: rows.map((x) => x.r) });
    }),
    limit: hostFunction(([startOrStop, stop], kw) => {
      const a = kw.start_or_stop ?? startOrStop;
      const b = kw.stop ?? stop;
      const [from, to] = b === undefined || b === null ? [0, Number(a ?? result.rows.length)] : [Number(a ?? 0), Number(b)];
      return make({ ...result, rows: result.rows.slice(from, to) });
    }),
  };
}
