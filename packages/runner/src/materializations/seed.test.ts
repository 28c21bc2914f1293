import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Adapter } from "@tsdbt/adapter-api";
import { openDuckDb, project, rows } from "../__fixtures__/harness";
import { runNodes } from "../run-nodes";

let adapter: Adapter;
let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => ({ adapter, dir, dispose } = await openDuckDb()));
afterEach(() => dispose());

async function seed(csv: string, config: Record<string, unknown> = {}, fullRefresh = false) {
  writeFileSync(join(dir, "people.csv"), csv);
  const { manifest, compiler, ids } = project(adapter, [{ name: "people", resourceType: "seed", file: "people.csv", config }]);
  const summary = await runNodes({ manifest, compiler, adapter, selected: ids, threads: 1, projectDir: dir, fullRefresh });
  return summary.results[0]!;
}

const columnTypes = async () =>
  (await rows(adapter, "select column_name, data_type from information_schema.columns where table_name = 'people' order by ordinal_position")).map(
    (r) => `${r.column_name as string}:${r.data_type as string}`,
  );

describe("seeds on DuckDB", () => {
  it("loads a CSV with inferred types, quoted fields, embedded newlines, a BOM and empty cells as null", async () => {
    const result = await seed('\uFEFFid,name,score,active,born,seen_at\n1,"Lee, Ann",1.5,true,2001-02-03,2024-01-01 10:00:00\n2,"two\nlines",,false,,\n');
    // dbt's result of a seed names no relation (the manifest's seed node does)
    expect(result).toMatchObject({ status: "success", relation_name: null, compiled: null });
    expect(await columnTypes()).toEqual(["id:INTEGER", "name:VARCHAR", "score:DOUBLE", "active:BOOLEAN", "born:DATE", "seen_at:TIMESTAMP"]);
    expect(await rows(adapter, "select id, name, score, active, cast(born as varchar) as born from people order by id")).toEqual([
      { id: 1, name: "Lee, Ann", score: 1.5, active: true, born: "2001-02-03" },
      { id: 2, name: "two\nlines", score: null, active: false, born: null },
    ]);
  });

  it("honours the delimiter and column_types configs", async () => {
    await seed("id;code\n1;007\n", { delimiter: ";", column_types: { code: "varchar" } });
    expect(await rows(adapter, "select id, code from people")).toEqual([{ id: 1, code: "007" }]);
  });

  it("truncates and reloads an existing seed without replacing the table", async () => {
    const oid = () => rows(adapter, "select table_oid from duckdb_tables() where table_name = 'people'");
    await seed("id\n1\n2\n");
    const before = await oid();
    await seed("id\n3\n");
    expect(await rows(adapter, "select id from people")).toEqual([{ id: 3 }]);
    expect(await oid()).toEqual(before);
  });

  it("asks for --full-refresh when the columns changed, and rebuilds with it", async () => {
    await seed("id\n1\n");
    const result = await seed("id,name\n1,ann\n");
    expect(result.status).toBe("error");
    expect(result.message).toMatch(/^Runtime Error in seed people \(people\.csv\)\n  people\.csv:1:1: TSDBT-E406: Seed people has columns \(id, name\).*\n    hint: Run `tsdbt seed --full-refresh`/);
    expect(await seed("id,name\n1,ann\n", {}, true)).toMatchObject({ status: "success" });
    expect(await rows(adapter, "select id, name from people")).toEqual([{ id: 1, name: "ann" }]);
  });

  it("fails a seed with TSDBT-E405 when the adapter has no bulk CSV load, and creates nothing", async () => {
    writeFileSync(join(dir, "people.csv"), "id\n1\n");
    // an adapter package may leave loadCsv out (capabilities vary); every other method is DuckDB's
    const withoutLoad = new Proxy(adapter, {
      get: (target, key) => {
        if (key === "loadCsv") return undefined;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const { manifest, compiler, ids } = project(withoutLoad, [{ name: "people", resourceType: "seed", file: "people.csv" }]);
    const [result] = (await runNodes({ manifest, compiler, adapter: withoutLoad, selected: ids, threads: 1, projectDir: dir })).results;
    expect(result!.status).toBe("error");
    expect(result!.message).toBe(
      "Runtime Error in seed people (people.csv)\n  people.csv: TSDBT-E405: Seed people cannot be loaded: the duckdb adapter has no bulk CSV load.\n    hint: Load this file with the warehouse's own tools and declare it as a source instead.",
    );
    expect(await rows(adapter, "select count(*) as n from information_schema.tables where table_name = 'people'")).toEqual([{ n: 0 }]);
  });

  it("reports a malformed file with its line and column", async () => {
    const result = await seed('id,name\n1,"open\n');
    expect(result.message).toMatch(/^Runtime Error in seed people \(people\.csv\)\n  people\.csv:2:3: TSDBT-E407/);
  });
});
