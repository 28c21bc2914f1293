/*
 * Property: however new rows and updates arrive, an incremental model with a unique_key ends each
 * run holding exactly the latest row of every key, as a full rebuild that keeps one row per key would.
 * Batches come from a seeded generator, so a failure names the seed that reproduces it. The expected
 * table is computed here in JavaScript from the generated rows, never by the code under test.
 */
import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows, type NodeSpec } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";

/** A small deterministic generator (mulberry32). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  id: number;
  k2: string;
  v: string;
  day: string;
}

/** One day's batch: some new keys and some updates of keys seen before, no key twice. */
function batch(random: () => number, dayIndex: number, seen: Row[]): Row[] {
  const day = `2024-01-${String(dayIndex + 1).padStart(2, "0")}`;
  const out = new Map<string, Row>();
  const fresh = 1 + Math.floor(random() * 4);
  for (let i = 0; i < fresh; i++) {
    const row = { id: 1 + Math.floor(random() * 12), k2: random() < 0.5 ? "a" : "b", v: `v${dayIndex}_${i}`, day };
    out.set(`${row.id}|${row.k2}`, row);
  }
  const updates = seen.length ? Math.floor(random() * 3) : 0;
  for (let i = 0; i < updates; i++) {
    const old = seen[Math.floor(random() * seen.length)]!;
    out.set(`${old.id}|${old.k2}`, { ...old, v: `u${dayIndex}_${i}`, day });
  }
  return [...out.values()];
}

/** The latest row of every key (by day; the generator never writes a key twice in one day). */
function latestByKey(all: Row[], key: (r: Row) => string): Row[] {
  const latest = new Map<string, Row>();
  for (const r of all) {
    const before = latest.get(key(r));
    if (!before || before.day <= r.day) latest.set(key(r), r);
  }
  return [...latest.values()];
}

const sorted = (list: { id: number; k2: string; v: string }[]) => [...list].sort((x, y) => x.id - y.id || x.k2.localeCompare(y.k2) || x.v.localeCompare(y.v));

let adapter: Adapter;
let dispose: () => Promise<void>;
beforeEach(async () => {
  ({ adapter, dispose } = await openDuckDb({ threads: 1 }));
  await adapter.execute("create table src (id integer, k2 varchar, v varchar, day date)");
});
afterEach(() => dispose());

const CASES: [string, string | string[], (r: Row) => string][] = [];
for (const strategy of ["merge", "delete+insert"]) {
  CASES.push([strategy, ["id", "k2"], (r) => `${r.id}|${r.k2}`]);
  CASES.push([strategy, "id", (r) => String(r.id)]);
}

describe("incremental runs converge on the latest row per key (seeded batches)", () => {
  it.each(CASES)("%s with unique_key %j, over 8 seeds of 6 daily batches", async (strategy, uniqueKey, key) => {
    for (const seed of [1, 2, 3, 5, 8, 13, 21, 34]) {
      await adapter.execute("delete from src");
      await adapter.execute("drop table if exists inc");
      const random = generator(seed);
      const written: Row[] = [];
      for (let day = 0; day < 6; day++) {
        let rowsOfDay = batch(random, day, written);
        // with a single-column key, one key per day (the generator may give an id with both k2 values)
        if (typeof uniqueKey === "string") rowsOfDay = latestByKey(rowsOfDay, key);
        written.push(...rowsOfDay);
        const values = rowsOfDay.map((r) => `(${r.id}, '${r.k2}', '${r.v}', date '${r.day}')`).join(", ");
        await adapter.execute(`insert into src values ${values}`);
        const spec: NodeSpec = {
          name: "inc",
          // one row per key, as a unique_key promises: the latest of the rows the run reads
          sql: ({ isIncremental }) =>
            `select id, k2, v, day from src` +
            (isIncremental ? " where day >= (select max(day) from {{ this }})" : "") +
            ` qualify row_number() over (partition by ${[uniqueKey].flat().join(", ")} order by day desc) = 1`,
          config: { materialized: "incremental", incremental_strategy: strategy, unique_key: uniqueKey },
        };
        const { manifest, compiler, ids } = project(adapter, [spec]);
        const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: "/" });
        expect([seed, day, summary.results[0]!.status]).toEqual([seed, day, "success"]);
        const expected = sorted(latestByKey(written, key).map(({ id, k2, v }) => ({ id, k2, v })));
        const actual = sorted((await rows(adapter, "select id, k2, v from inc")) as { id: number; k2: string; v: string }[]);
        expect(`seed ${seed} day ${day}: ${JSON.stringify(actual)}`).toBe(`seed ${seed} day ${day}: ${JSON.stringify(expected)}`);
      }
    }
  });
});
