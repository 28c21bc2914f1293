import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AdapterError, type Adapter, type ProfileTarget } from "@tsdbt/adapter-api";
import { createAdapter } from "./duckdb-adapter";

let projectDir: string;
const opened: Adapter[] = [];

function adapter(target: Partial<ProfileTarget> = {}): Adapter {
  const created = createAdapter({ type: "duckdb", schema: "main", path: "dev.duckdb", ...target }, { projectDir, targetPath: "target" });
  opened.push(created);
  return created;
}

beforeEach(() => {
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-duckdb-"));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((a) => a.close()));
  fs.rmSync(projectDir, { recursive: true, force: true });
});

describe("DuckDB adapter: catalog", () => {
  it("lists tables and views of a schema with their types, and their columns in order", async () => {
    const db = adapter();
    await db.execute("create schema analytics; create table analytics.orders (id integer not null, amount decimal(10,2), placed_at timestamp)");
    await db.execute("create view analytics.big_orders as select id, amount from analytics.orders where amount > 100");
    expect(db.defaultDatabase).toBe("dev");
    expect(await db.listRelations(null, "analytics")).toEqual([
      { database: "dev", schema: "analytics", identifier: "big_orders", type: "view" },
      { database: "dev", schema: "analytics", identifier: "orders", type: "table" },
    ]);
    const columns = await db.getColumns({ schema: "ANALYTICS", identifier: "Orders" });
    expect(columns.map((c) => [c.name, c.dataType, c.nullable])).toEqual([
      ["id", "INTEGER", false],
      ["amount", "DECIMAL(10,2)", true],
      ["placed_at", "TIMESTAMP", true],
    ]);
    expect(await db.getColumns({ schema: "analytics", identifier: "missing" })).toEqual([]);
    expect(await db.listRelations(null, "no_such_schema")).toEqual([]);
    expect(await db.listSchemas(null)).toEqual(expect.arrayContaining(["analytics", "main"]));
  });

  it("creates the default database file under the target path of the project", async () => {
    const db = createAdapter({ type: "duckdb", schema: "main" }, { projectDir, targetPath: "target" });
    opened.push(db);
    await db.open();
    expect(fs.existsSync(path.join(projectDir, "target", "tsdbt.duckdb"))).toBe(true);
    expect(db.defaultDatabase).toBe("tsdbt");
  });
});

describe("DuckDB adapter: values", () => {
  it("returns rows as plain JavaScript values", async () => {
    const db = adapter({ path: ":memory:" });
    const result = await db.execute(`select 1 as i, 9007199254740993::bigint as big, 42::hugeint as h, 12.50::decimal(10,2) as d,
      date '2024-03-01' as dt, timestamp '2024-03-01 10:20:30.5' as ts, timestamp '2024-03-01 10:20:30' as ts0,
      true as b, null::varchar as n, [1, 2] as l, {'k': 'v', 'x': [1]} as s, map {'a': 1} as m, 'text' as t`);
    expect(result.rows).toEqual([
      {
        i: 1, big: "9007199254740993", h: 42, d: 12.5, dt: "2024-03-01", ts: "2024-03-01 10:20:30.500000",
        ts0: "2024-03-01 10:20:30", b: true, n: null, l: [1, 2], s: { k: "v", x: [1] }, m: { a: 1 }, t: "text",
      },
    ]);
    expect(result.columns.slice(0, 4)).toEqual([
      { name: "i", type: "INTEGER" },
      { name: "big", type: "BIGINT" },
      { name: "h", type: "HUGEINT" },
      { name: "d", type: "DECIMAL(10,2)" },
    ]);
  });

  it("stops reading after `limit` rows, and reports rows changed by DML when not fetching", async () => {
    const db = adapter({ path: ":memory:" });
    const limited = await db.execute("select range as n from range(100000)", { limit: 3 });
    expect(limited.rows).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    await db.execute("create table t as select range as n from range(10)");
    expect((await db.execute("delete from t where n < 4", { fetch: false })).rowsAffected).toBe(4);
  });

  it("keeps DuckDB's own message when a statement fails", async () => {
    const db = adapter({ path: ":memory:" });
    await expect(db.execute("select * from no_such_table")).rejects.toThrow(/Table with name no_such_table does not exist/);
  });

  it("runs MERGE INTO, as its capability flag claims", async () => {
    const db = adapter({ path: ":memory:" });
    expect(db.capabilities.merge).toBe(true);
    await db.execute("create table t as select 1 as id, 'old' as v");
    await db.execute("merge into t using (select 1 as id, 'new' as v union all select 2, 'added') s on t.id = s.id " +
      "when matched then update set v = s.v when not matched then insert values (s.id, s.v)");
    expect((await db.execute("select * from t order by id")).rows).toEqual([{ id: 1, v: "new" }, { id: 2, v: "added" }]);
  });
});

describe("DuckDB adapter: transactions and concurrency", () => {
  it("rolls back DDL and data when the transaction body throws, and commits otherwise", async () => {
    const db = adapter();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute("create table doomed (id integer)");
        await tx.execute("insert into doomed values (1)");
        throw new Error("model failed");
      }),
    ).rejects.toThrow("model failed");
    expect(await db.listRelations(null, "main")).toEqual([]);
    const count = await db.transaction(async (tx) => {
      await tx.execute("create table kept as select 1 as id");
      return (await tx.execute("select count(*) as n from kept")).rows[0].n;
    });
    expect(count).toBe(1);
    expect((await db.listRelations(null, "main")).map((r) => r.identifier)).toEqual(["kept"]);
  });

  it("runs statements on separate connections: another connection does not see uncommitted work", async () => {
    const db = adapter({ threads: 2 });
    let seenOutside: unknown;
    await db.transaction(async (tx) => {
      await tx.execute("create table pending as select 1 as id");
      seenOutside = (await db.execute("select count(*) as n from duckdb_tables() where table_name = 'pending'")).rows[0].n;
    });
    expect(seenOutside).toBe(0);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => db.execute(`select ${i} as i, count(*) as n from range(200000)`)));
    expect(results.map((r) => r.rows[0])).toEqual(Array.from({ length: 12 }, (_, i) => ({ i, n: 200000 })));
  });

  it("interrupts a running statement on cancel()", async () => {
    const db = adapter({ path: ":memory:" });
    await db.open();
    let settled = false;
    const slow = db.execute("select count(*) from range(100000000000) a").finally(() => (settled = true));
    slow.catch(() => undefined);
    while (!settled) {
      await db.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect(slow).rejects.toThrow(/interrupt/i);
    expect((await db.execute("select 2 as ok")).rows).toEqual([{ ok: 2 }]);
  });

  it("fails a statement still waiting for a connection on cancel() with TSDBT-E044", async () => {
    const db = adapter({ path: ":memory:", threads: 1 });
    await db.open();
    let settled = false;
    const slow = db.execute("select count(*) from range(100000000000) a").finally(() => (settled = true));
    slow.catch(() => undefined);
    // the only connection is busy with `slow`, so this one waits in the queue
    const queued = db.execute("select 1 as never").then(
      () => null,
      (e: unknown) => e as AdapterError,
    );
    while (!settled) {
      await db.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const error = await queued;
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: "TSDBT-E044", message: "The statement was cancelled before it started.", hint: "Run the command again." });
    expect((await db.execute("select 2 as ok")).rows).toEqual([{ ok: 2 }]);
  });
});
