/*
 * Runs the bridge against the real DuckDB adapter. The worker is plain compiled JavaScript,
 * so build first: npx tsc --build packages/adapter-api packages/adapter-duckdb
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { AdapterError } from "../load-adapter";
import { startAdapterWorker, type WorkerAdapter } from "./worker-adapter";
import { SyncAdapterClient } from "./sync-client";

let projectDir: string;
let adapter: WorkerAdapter;

beforeEach(async () => {
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-bridge-"));
  adapter = await startAdapterWorker({ type: "duckdb", schema: "main", path: "dev.duckdb", threads: 2 }, { projectDir, targetPath: "target" });
});
afterEach(async () => {
  await adapter.close();
  fs.rmSync(projectDir, { recursive: true, force: true });
});

describe("adapter worker bridge", () => {
  it("reports the adapter's identity and uses its dialect on this thread", () => {
    expect(adapter.type).toBe("duckdb");
    expect(adapter.defaultDatabase).toBe("dev");
    expect(adapter.defaultSchema).toBe("main");
    expect(adapter.capabilities.transactionalDdl).toBe(true);
    expect(adapter.dialect.quote("order")).toBe('"order"');
  });

  it("answers synchronous calls while asynchronous ones are in flight", async () => {
    const background = Array.from({ length: 8 }, (_, i) => adapter.execute(`select ${i} as i, count(*) as n from range(100000)`));
    adapter.executeSync("create table events as select range as id, date '2024-01-01' + range::integer as day from range(5)");
    const sync = adapter.executeSync("select * from events order by id", { limit: 2 });
    expect(sync.rows).toEqual([{ id: 0, day: "2024-01-01" }, { id: 1, day: "2024-01-02" }]);
    expect(adapter.getColumnsSync({ schema: "main", identifier: "events" }).map((c) => [c.name, c.dataType])).toEqual([["id", "BIGINT"], ["day", "DATE"]]);
    expect(adapter.listRelationsSync(null, "main")).toEqual([{ database: "dev", schema: "main", identifier: "events", type: "table" }]);
    expect(adapter.listSchemasSync(null)).toContain("main");
    const results = await Promise.all(background);
    expect(results.map((r) => r.rows[0])).toEqual(Array.from({ length: 8 }, (_, i) => ({ i, n: 100000 })));
    expect(await adapter.getColumns({ schema: "main", identifier: "events" })).toHaveLength(2);
  });

  it("lists a schema once per change of the catalog, never showing a stale listing", async () => {
    const names = async () => (await adapter.listRelations(null, "main")).map((r) => r.identifier).sort();
    expect(await names()).toEqual([]);
    adapter.executeSync("create table a as select 1 as id");
    expect(adapter.listRelationsSync(null, "main").map((r) => r.identifier)).toEqual(["a"]);
    await adapter.execute("alter table a rename to b");
    expect(await names()).toEqual(["b"]);
    expect(await adapter.findRelations(null, "main", ["B", "c"])).toEqual([{ database: "dev", schema: "main", identifier: "b", type: "table" }]);
    await adapter.transaction(async (tx) => {
      await tx.execute("create view c as select 1 as id");
      expect(await names()).toEqual(["b"]);
    });
    expect(await names()).toEqual(["b", "c"]);
    await expect(
      adapter.transaction(async (tx) => {
        await tx.execute("drop view c");
        throw new Error("model failed");
      }),
    ).rejects.toThrow("model failed");
    expect(await names()).toEqual(["b", "c"]);
    fs.writeFileSync(path.join(projectDir, "seeded.csv"), "id\n1\n");
    await adapter.loadCsv!({ schema: "main", identifier: "seeded" }, path.join(projectDir, "seeded.csv"), [{ name: "id", dataType: "integer" }], { delimiter: ",", header: true });
    expect(await names()).toEqual(["b", "c", "seeded"]);
  });

  it("carries the engine's message across, for synchronous and asynchronous calls alike", async () => {
    expect(() => adapter.executeSync("select * from missing_table")).toThrow(/Table with name missing_table does not exist/);
    await expect(adapter.execute("select * from missing_table")).rejects.toThrow(/Table with name missing_table does not exist/);
    expect(adapter.executeSync("select 1 as still_working").rows).toEqual([{ still_working: 1 }]);
  });

  it("runs a transaction's statements, sync or async, on one connection and rolls back when the body throws", async () => {
    await expect(
      adapter.transaction(async (tx) => {
        await tx.execute("create table staged (id integer)");
        tx.executeSync("insert into staged values (1), (2)");
        expect(tx.executeSync("select count(*) as n from staged").rows).toEqual([{ n: 2 }]);
        expect(await adapter.listRelations(null, "main")).toEqual([]);
        throw new Error("model failed");
      }),
    ).rejects.toThrow("model failed");
    expect(adapter.listRelationsSync(null, "main")).toEqual([]);
    await adapter.transaction(async (tx) => {
      await tx.execute("create table final as select 1 as id");
    });
    expect(adapter.listRelationsSync(null, "main").map((r) => r.identifier)).toEqual(["final"]);
  });

  it("refuses a blocking call that would wait forever for a connection held by a transaction", async () => {
    await adapter.transaction(async (outer) => {
      await adapter.transaction(async (inner) => {
        expect(() => adapter.executeSync("select 1")).toThrow(expect.objectContaining({ code: "TSDBT-E047" }));
        expect(inner.executeSync("select 2 as two").rows).toEqual([{ two: 2 }]);
      });
      await outer.execute("select 1");
    });
    expect(adapter.executeSync("select 3 as three").rows).toEqual([{ three: 3 }]);
  });

  it("answers a repeated catalog read on this thread without asking the worker, until the catalog changes", async () => {
    const asked = jest.spyOn(SyncAdapterClient.prototype, "getColumnsSync");
    try {
      adapter.executeSync("create table events as select 1 as id");
      const columns = () => adapter.getColumnsSync({ schema: "main", identifier: "events" }).map((c) => c.name);
      expect(columns()).toEqual(["id"]);
      const first = adapter.getColumnsSync({ schema: "main", identifier: "events" });
      first[0].name = "changed by the caller";
      expect(columns()).toEqual(["id"]);
      expect(asked).toHaveBeenCalledTimes(1);
      // a change made by an asynchronous statement is seen at once
      await adapter.execute("alter table events add column day date");
      expect(columns()).toEqual(["id", "day"]);
      expect(asked).toHaveBeenCalledTimes(2);
    } finally {
      asked.mockRestore();
    }
  });

  it("opens and ends a transaction synchronously: rollback undoes its statements, commit keeps them", () => {
    const undone = adapter.transactionSync();
    undone.executeSync("create table scratch as select 1 as id");
    expect(undone.executeSync("select count(*) as n from scratch").rows).toEqual([{ n: 1 }]);
    undone.endSync(false);
    expect(adapter.listRelationsSync(null, "main")).toEqual([]);
    const kept = adapter.transactionSync();
    kept.executeSync("create table kept as select 2 as id");
    kept.endSync(true);
    kept.endSync(true);
    expect(adapter.executeSync("select id from kept").rows).toEqual([{ id: 2 }]);
  });

  it("refuses to open a transaction synchronously when transactions hold every connection", async () => {
    const first = adapter.transactionSync();
    await adapter.transaction(async () => {
      expect(() => adapter.transactionSync()).toThrow(expect.objectContaining({ code: "TSDBT-E047" }));
    });
    first.endSync(false);
    const again = adapter.transactionSync();
    expect(again.executeSync("select 3 as three").rows).toEqual([{ three: 3 }]);
    again.endSync(false);
  });

  it("gives another thread its own blocking line to the same adapter", async () => {
    await adapter.execute("create table shared as select 7 as answer");
    const channel = await adapter.openSyncChannel();
    const renderer = new Worker(
      `const { workerData, parentPort } = require("node:worker_threads");
       const { SyncAdapterClient } = require(${JSON.stringify(path.resolve(__dirname, "..", "..", "dist"))});
       const client = new SyncAdapterClient(workerData.channel);
       let failure = null;
       try { client.executeSync("select * from nowhere"); } catch (error) { failure = error.message; }
       parentPort.postMessage({ rows: client.executeSync("select answer from shared").rows, columns: client.getColumnsSync({ schema: "main", identifier: "shared" }).length, failure });`,
      { eval: true, workerData: { channel }, transferList: [channel.port] },
    );
    const reply = await new Promise((resolve, reject) => renderer.once("message", resolve).once("error", reject));
    await renderer.terminate();
    expect(reply).toEqual({ rows: [{ answer: 7 }], columns: 1, failure: expect.stringContaining("nowhere") });
  });

  it("cancels a running statement and refuses calls after close", async () => {
    let settled = false;
    const slow = adapter.execute("select count(*) from range(100000000000)").finally(() => (settled = true));
    slow.catch(() => undefined);
    while (!settled) {
      await adapter.cancel();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await expect(slow).rejects.toThrow(/interrupt/i);
    await adapter.close();
    await expect(adapter.execute("select 1")).rejects.toMatchObject({ code: "TSDBT-E046" });
    expect(() => adapter.executeSync("select 1")).toThrow(/closed/);
  });
});

describe("startAdapterWorker failures", () => {
  it("rejects with the adapter's coded error when the adapter cannot open in the worker", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-bridge-fail-"));
    try {
      const failure = await startAdapterWorker({ type: "duckdb", schema: "main", path: ":memory:", extensions: ["spatial"] }, { projectDir: dir, targetPath: "target" }).then(
        () => null,
        (error: unknown) => error as AdapterError,
      );
      expect(failure).toBeInstanceOf(AdapterError);
      expect(failure).toMatchObject({ code: "TSDBT-E043", message: expect.stringContaining("'spatial' is not installed") });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects an unknown adapter type before starting a worker", async () => {
    await expect(startAdapterWorker({ type: "nosuchdb", schema: "main" }, { projectDir: "/tmp", targetPath: "target" })).rejects.toMatchObject({ code: "TSDBT-E040" });
  });
});

/** Installs `@tsdbt/adapter-<type>` in the project: the DuckDB adapter (`inner`) with `members` replaced. */
function writeDuckDbVariant(type: string, members: string): void {
  const packageDir = path.join(projectDir, "node_modules", "@tsdbt", `adapter-${type}`);
  fs.mkdirSync(packageDir, { recursive: true });
  fs.writeFileSync(
    path.join(packageDir, "index.js"),
    [
      `const duckdb = require(${JSON.stringify(path.resolve(__dirname, "../../../adapter-duckdb/dist/index.js"))});`,
      "exports.createAdapter = (target, context) => {",
      "  const inner = duckdb.createAdapter({ ...target, type: 'duckdb' }, context);",
      `  return Object.assign(Object.create(inner), { type: ${JSON.stringify(type)}, ${members} });`,
      "};",
    ].join("\n"),
  );
}

describe("adapter worker bridge with an adapter that runs a transaction's body at once", () => {
  it("commits a transaction whose body the adapter calls before its transaction() returns (as BigQuery's does)", async () => {
    // a DuckDB adapter whose transaction() is BigQuery's: no BEGIN, the body runs immediately
    writeDuckDbVariant("eager", "transaction: (fn) => fn({ execute: (sql, o) => inner.execute(sql, o) })");
    const eager = await startAdapterWorker({ type: "eager", schema: "main", path: "eager.duckdb", threads: 1 }, { projectDir, targetPath: "target" }, { paths: [projectDir] });
    try {
      const settled = await Promise.race([
        eager.transaction(async (tx) => {
          await tx.execute("create table t as select 42 as answer");
          return "done";
        }),
        new Promise((resolve) => setTimeout(() => resolve("hung"), 20_000)),
      ]);
      expect(settled).toBe("done");
      expect((await eager.execute("select answer from t")).rows).toEqual([{ answer: 42 }]);
    } finally {
      await eager.close();
    }
  });
});

describe("adapter worker bridge's catalog cache across transactions", () => {
  it("keeps what the catalog said through a transaction that changed no relation, and drops it after one that did", async () => {
    // a DuckDB adapter that notes each catalog listing it is asked for in listings.log
    const log = path.join(projectDir, "listings.log");
    writeDuckDbVariant("counted", `listRelations: (d, s) => { require("node:fs").appendFileSync(${JSON.stringify(log)}, "listed\\n"); return inner.listRelations(d, s); }`);
    const counted = await startAdapterWorker({ type: "counted", schema: "main", path: "counted.duckdb", threads: 1 }, { projectDir, targetPath: "target" }, { paths: [projectDir] });
    const listings = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0);
    try {
      counted.executeSync("create table base_table as select 1 as id");
      expect(counted.listRelationsSync(null, "main").map((r) => r.identifier)).toEqual(["base_table"]);
      const reading = counted.transactionSync();
      expect(reading.executeSync("select count(*) as n from base_table").rows).toEqual([{ n: 1 }]);
      reading.endSync(false);
      expect(counted.listRelationsSync(null, "main").map((r) => r.identifier)).toEqual(["base_table"]);
      expect(listings()).toBe(1);
      const creating = counted.transactionSync();
      creating.executeSync("create table made_inside as select 2 as id");
      creating.endSync(true);
      expect(counted.listRelationsSync(null, "main").map((r) => r.identifier).sort()).toEqual(["base_table", "made_inside"]);
      expect(listings()).toBe(2);
    } finally {
      await counted.close();
    }
  });
});

describe("adapter worker started before the adapter is wanted (openWhen)", () => {
  /** Installs `@tsdbt/adapter-slowload`: the DuckDB adapter behind a module load that takes `ms` in a worker and then writes `marker`. */
  function writeSlowLoadingAdapter(ms: number, marker: string): void {
    const packageDir = path.join(projectDir, "node_modules", "@tsdbt", "adapter-slowload");
    fs.mkdirSync(packageDir, { recursive: true });
    fs.writeFileSync(
      path.join(packageDir, "index.js"),
      [
        // in the worker (the starting thread loads the package too, for its dialect): a driver's
        // module load, as a native addon's initialisation, that must not be cut short
        `if (!require("node:worker_threads").isMainThread) {`,
        `  const until = Date.now() + ${ms}; while (Date.now() < until);`,
        `  require("node:fs").writeFileSync(${JSON.stringify(marker)}, "loaded");`,
        "}",
        `const duckdb = require(${JSON.stringify(path.resolve(__dirname, "../../../adapter-duckdb/dist/index.js"))});`,
        "exports.createAdapter = (target, context) => duckdb.createAdapter({ ...target, type: 'duckdb' }, context);",
      ].join("\n"),
    );
  }

  it("lets an unwanted worker finish loading its driver, then ends it without opening the adapter", async () => {
    const marker = path.join(projectDir, "slowload.loaded");
    writeSlowLoadingAdapter(400, marker);
    const database = path.join(projectDir, "unwanted.duckdb");
    const started = startAdapterWorker({ type: "slowload", schema: "main", path: database, threads: 1 }, { projectDir, targetPath: "target" }, {
      paths: [projectDir],
      // decided while the driver is still loading
      openWhen: new Promise((resolve) => setTimeout(() => resolve(false), 100)),
    });
    await expect(started).rejects.toMatchObject({ code: "TSDBT-E046" });
    // stopping the thread from outside (worker.terminate) would have cut the load short: no marker
    expect(fs.readFileSync(marker, "utf8")).toBe("loaded");
    expect(fs.existsSync(database)).toBe(false);
  });

  it("opens the adapter once it is wanted", async () => {
    const database = path.join(projectDir, "wanted.duckdb");
    const adapter = await startAdapterWorker({ type: "duckdb", schema: "main", path: database, threads: 1 }, { projectDir, targetPath: "target" }, {
      openWhen: new Promise((resolve) => setTimeout(() => resolve(true), 50)),
    });
    try {
      expect((await adapter.execute("select 42 as answer")).rows).toEqual([{ answer: 42 }]);
      expect(fs.existsSync(database)).toBe(true);
    } finally {
      await adapter.close();
    }
  });
});
