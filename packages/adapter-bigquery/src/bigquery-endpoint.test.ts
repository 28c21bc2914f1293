/**
 * The adapter against a BigQuery REST endpoint: the local bqlite when BIGQUERY_EMULATOR_URL is
 * set (`eval "$(/opt/tsdbt-emulators/start.sh bigquery 9050)"`); skipped, saying so, otherwise.
 * BigQuery-specific behaviour the shared conformance suite does not check. The adapter runs in
 * its worker thread as the CLI runs it (Google's HTTP client loads node-fetch with a dynamic
 * import, which jest's module sandbox refuses), so build first: `npx tsc --build`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAdapterWorker, type Adapter } from "@tsdbt/adapter-api";

const url = process.env.BIGQUERY_EMULATOR_URL;

if (!url) {
  test.skip("BigQuery adapter against a REST endpoint (skipped: set BIGQUERY_EMULATOR_URL to a local bqlite endpoint to run it)", () => undefined);
} else {
  const dataset = `tsdbt_bq_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  let adapter: Adapter;
  let dir: string;
  const q = (name: string) => `\`bq-proj\`.\`${dataset}\`.\`${name}\``;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsdbt-bq-endpoint-"));
    adapter = await startAdapterWorker(
      { type: "bigquery", method: "oauth-secrets", token: "local", project: "bq-proj", dataset, schema: dataset, api_endpoint: url, location: "EU", job_retries: 0, threads: 4 },
      { projectDir: dir, targetPath: dir },
    );
    await adapter.open();
    await adapter.execute(adapter.dialect.createSchema("bq-proj", dataset), { fetch: false });
  });
  afterAll(async () => {
    await adapter.execute(`drop schema if exists \`bq-proj\`.\`${dataset}\` cascade`, { fetch: false });
    await expect(adapter.execute(`create table ${q("after_drop")} (id int64)`, { fetch: false })).rejects.toThrow();
    await adapter.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("BigQuery adapter against a REST endpoint", () => {
    it("creates the dataset through the API, where a second create is fine", async () => {
      await adapter.execute(adapter.dialect.createSchema("bq-proj", dataset), { fetch: false }); // exists: fine
      await adapter.execute(`create table ${q("probe")} (id int64)`, { fetch: false });
      await adapter.execute(adapter.dialect.dropRelation(q("probe"), "table"), { fetch: false });
    });

    it("reads GoogleSQL values as plain JavaScript with GoogleSQL type names", async () => {
      const result = await adapter.execute(
        "select 1 as i, 9007199254740993 as big, numeric '1.25' as d, date '2024-01-02' as dt, datetime '2024-01-02 03:04:05.5' as ldt, " +
          "timestamp '2024-01-02 03:04:05+00' as ts, true as b, 'x' as s, cast(null as int64) as n, cast(2.5 as float64) as f",
      );
      expect(result.rows).toEqual([
        { i: 1, big: "9007199254740993", d: 1.25, dt: "2024-01-02", ldt: "2024-01-02 03:04:05.500000", ts: "2024-01-02 03:04:05+00:00", b: true, s: "x", n: null, f: 2.5 },
      ]);
      expect(result.columns.map((c) => c.type)).toEqual(["INT64", "INT64", "NUMERIC", "DATE", "DATETIME", "TIMESTAMP", "BOOL", "STRING", "INT64", "FLOAT64"]);
    });

    it("reports DML row counts, lists tables and views with their kinds, and columns with GoogleSQL types", async () => {
      await adapter.execute(`create table ${q("t")} (id int64, name string, seen_at timestamp)`, { fetch: false });
      expect((await adapter.execute(`insert into ${q("t")} (id, name) values (1, 'a'), (2, 'b')`, { fetch: false })).rowsAffected).toBe(2);
      expect((await adapter.execute(`update ${q("t")} set name = 'c' where id = 2`, { fetch: false })).rowsAffected).toBe(1);
      await adapter.execute(`create view ${q("v")} as select id from ${q("t")}`, { fetch: false });
      expect((await adapter.listRelations("bq-proj", dataset)).map((r) => [r.identifier, r.type])).toEqual([["t", "table"], ["v", "view"]]);
      expect((await adapter.findRelations!("bq-proj", dataset, ["v", "missing"])).map((r) => [r.identifier, r.type])).toEqual([["v", "view"]]);
      expect((await adapter.getColumns({ database: "bq-proj", schema: dataset, identifier: "t" })).map((c) => [c.name, c.dataType, c.index])).toEqual([
        ["id", "INT64", 1],
        ["name", "STRING", 2],
        ["seen_at", "TIMESTAMP", 3],
      ]);
      expect(await adapter.getColumns({ database: "bq-proj", schema: dataset, identifier: "missing" })).toEqual([]);
      expect(await adapter.listRelations("bq-proj", `${dataset}_missing`)).toEqual([]);
    });

    it("loads a seed file with typed batched inserts", async () => {
      const file = join(dir, "s.csv");
      writeFileSync(file, 'id,name,born,score\n1,"O\'Brien, \\\\Ann",2001-02-03,1.5\n2,,,\n');
      const rows = await adapter.loadCsv!({ database: "bq-proj", schema: dataset, identifier: "s" }, file, [
        { name: "id", dataType: "INT64" },
        { name: "name", dataType: "STRING" },
        { name: "born", dataType: "DATE" },
        { name: "score", dataType: "FLOAT64" },
      ], { delimiter: ",", header: true });
      expect(rows).toBe(2);
      expect((await adapter.execute(`select * from ${q("s")} order by id`)).rows).toEqual([
        { id: 1, name: "O'Brien, \\\\Ann", born: "2001-02-03", score: 1.5 },
        { id: 2, name: null, born: null, score: null },
      ]);
    });

    it("merges partitions in with insert_overwrite's MERGE", async () => {
      await adapter.execute(`create table ${q("p")} as select 1 as id, date '2024-01-01' as day union all select 2, date '2024-01-02'`, { fetch: false });
      await adapter.execute(`create table ${q("p_new")} as select 9 as id, date '2024-01-02' as day`, { fetch: false });
      const [merge] = adapter.dialect.incrementalStatements!("insert_overwrite", {
        target: q("p"),
        source: q("p_new"),
        columns: ["id", "day"],
        uniqueKey: [],
        predicates: [],
        config: { partition_by: { field: "day", data_type: "date" } },
      })!;
      await adapter.execute(merge!, { fetch: false });
      expect((await adapter.execute(`select id from ${q("p")} order by id`)).rows).toEqual([{ id: 1 }, { id: 9 }]);
    });

    it("names the partitions of copy_partitions' working table as BigQuery does", async () => {
      await adapter.execute(
        `create table ${q("w")} as select date '2024-01-02' as d, timestamp '2024-03-04 05:06:07+00' as ts ` +
          `union all select date '2024-01-02', timestamp '2024-03-04 05:59:00+00' union all select cast(null as date), cast(null as timestamp)`,
        { fetch: false },
      );
      const ids = async (partitionBy: Record<string, unknown>) => {
        const plan = adapter.dialect.partitionCopies!("insert_overwrite", { partition_by: { ...partitionBy, copy_partitions: true } })!;
        const rows = (await adapter.execute(plan.partitionsQuery(q("w")))).rows.map((r) => String(Object.values(r)[0]));
        return rows.sort();
      };
      expect(await ids({ field: "d", data_type: "date" })).toEqual(["20240102", "__NULL__"]);
      expect(await ids({ field: "d", data_type: "date", granularity: "month" })).toEqual(["202401", "__NULL__"]);
      expect(await ids({ field: "ts", data_type: "timestamp", granularity: "hour" })).toEqual(["2024030405", "__NULL__"]);
      // int64 ranges are not checked here: bqlite turns GoogleSQL's integer div() into DuckDB's float division
    });

    it("keeps BigQuery's message for a failing statement", async () => {
      await expect(adapter.execute(`select * from ${q("no_such_table")}`)).rejects.toThrow(/no_such_table/);
    });
  });
}
