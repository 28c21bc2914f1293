import { hostFunction, Tuple } from "@tsdbt/jinja";
import { iterateLike } from "./iterable";

/**
 * `modules.itertools` with the functions dbt exports (count, cycle, repeat, accumulate, chain,
 * compress, islice, starmap, tee, zip_longest, product, permutations, combinations,
 * combinations_with_replacement). Results are lists of tuples rather than lazy iterators, so
 * the endless ones (count, cycle, repeat without times) need a bound: they stop at 10,000 items.
 */
export function itertoolsModule() {
  const ENDLESS = 10_000;
  const combos = (pool: unknown[], r: number, replace: boolean): Tuple[] => {
    const out: Tuple[] = [];
    const pick = (start: number, acc: unknown[]) => {
      if (acc.length === r) return void out.push(Tuple.create(acc));
      for (let i = start; i < pool.length; i++) pick(replace ? i : i + 1, [...acc, pool[i]]);
    };
    pick(0, []);
    return out;
  };
  const perms = (pool: unknown[], r: number): Tuple[] => {
    const out: Tuple[] = [];
    const pick = (used: boolean[], acc: unknown[]) => {
      if (acc.length === r) return void out.push(Tuple.create(acc));
      pool.forEach((x, i) => {
        if (used[i]) return;
        used[i] = true;
        pick(used, [...acc, x]);
        used[i] = false;
      });
    };
    pick([], []);
    return out;
  };
  const chain = Object.assign(
    hostFunction((its) => its.flatMap((it) => iterateLike(it))),
    { from_iterable: (its: unknown) => iterateLike(its).flatMap((it) => iterateLike(it)) },
  );
  return {
    count: hostFunction(([start, step], kw) => {
      const s = Number(kw.start ?? start ?? 0);
      const d = Number(kw.step ?? step ?? 1);
      return Array.from({ length: ENDLESS }, (_, i) => s + i * d);
    }),
    cycle: (it: unknown) => {
      const xs = iterateLike(it);
      return xs.length === 0 ? [] : Array.from({ length: ENDLESS }, (_, i) => xs[i % xs.length]);
    },
    repeat: hostFunction(([x, times], kw) => Array.from({ length: Number(kw.times ?? times ?? ENDLESS) }, () => x)),
    accumulate: hostFunction(([it, fn], kw) => {
      const f = (kw.func ?? fn) as ((a: unknown, b: unknown) => unknown) | undefined;
      const out: unknown[] = [];
      let acc: unknown = kw.initial;
      if (acc !== undefined) out.push(acc);
      for (const x of iterateLike(it)) {
        acc = acc === undefined ? x : f ? f(acc, x) : (acc as number) + (x as number);
        out.push(acc);
      }
      return out;
    }),
    chain,
    compress: (data: unknown, selectors: unknown) => {
      const sel = iterateLike(selectors);
      return iterateLike(data).filter((_, i) => i < sel.length && Boolean(sel[i]));
    },
    islice: hostFunction(([it, a, b, c]) => {
      const xs = iterateLike(it);
      const [start, stop, step] = b === undefined ? [0, a, 1] : [a ?? 0, b, c ?? 1];
      const out: unknown[] = [];
      for (let i = Number(start); i < (stop === null ? xs.length : Math.min(Number(stop), xs.length)); i += Number(step)) out.push(xs[i]);
      return out;
    }),
    starmap: (fn: (...a: unknown[]) => unknown, it: unknown) => iterateLike(it).map((args) => fn(...iterateLike(args))),
    tee: hostFunction(([it, n]) => {
      const xs = iterateLike(it);
      return Tuple.create(Array.from({ length: Number(n ?? 2) }, () => [...xs]));
    }),
    zip_longest: hostFunction((its, kw) => {
      const lists = its.map((it) => iterateLike(it));
      const n = Math.max(0, ...lists.map((l) => l.length));
      const fill = kw.fillvalue ?? null;
      return Array.from({ length: n }, (_, i) => Tuple.create(lists.map((l) => (i < l.length ? l[i] : fill))));
    }),
    product: hostFunction((its, kw) => {
      const pools = its.map((it) => iterateLike(it));
      const repeated = Array.from({ length: Number(kw.repeat ?? 1) }, () => pools).flat();
      let out: unknown[][] = [[]];
      for (const pool of repeated) out = out.flatMap((acc) => pool.map((x) => [...acc, x]));
      return out.map((xs) => Tuple.create(xs));
    }),
    permutations: hostFunction(([it, r], kw) => {
      const pool = iterateLike(it);
      return perms(pool, Number(kw.r ?? r ?? pool.length));
    }),
    combinations: hostFunction(([it, r], kw) => combos(iterateLike(it), Number(kw.r ?? r), false)),
    combinations_with_replacement: hostFunction(([it, r], kw) => combos(iterateLike(it), Number(kw.r ?? r), true)),
  };
}
