/*
 * The transaction compile and show wrap each node in, on the real DuckDB adapter in its worker
 * thread (build first: npx tsc --build).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startAdapterWorker, type WorkerAdapter } from "@tsdbt/adapter-api";
import type { SyncWarehouse } from "@tsdbt/core";
import { lazyTransaction } from "./lazy-transaction";

let projectDir: string;
const opened: WorkerAdapter[] = [];

afterEach(async () => {
  for (const a of opened.splice(0)) await a.close();
  fs.rmSync(projectDir, { recursive: true, force: true });
});

/** The adapter in its worker, counting the transactions opened synchronously, and the warehouse outside them. */
async function start(threads: number) {
  projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsdbt-lazy-tx-"));
  const adapter = await startAdapterWorker({ type: "duckdb", schema: "main", path: "dev.duckdb", threads }, { projectDir, targetPath: "target" });
  opened.push(adapter);
  let begun = 0;
  const counted = {
    transactionSync: () => (begun++, adapter.transactionSync()),
    connectionsExhausted: () => adapter.connectionsExhausted(),
  };
  const base: SyncWarehouse = {
    type: adapter.type,
    executeSync: (sql, o) => adapter.executeSync(sql, o),
    getColumnsSync: (r) => adapter.getColumnsSync(r),
    listRelationsSync: (d, s) => adapter.listRelationsSync(d, s),
  };
  adapter.executeSync("create table orders as select 1 as id, 'paid' as status");
  return { adapter, base, counted, begun: () => begun };
}

const names = (relations: { identifier: string }[]) => relations.map((r) => r.identifier).sort();

it("opens no transaction for a node that only reads the catalog", async () => {
  const { base, counted, begun } = await start(2);
  const node = lazyTransaction(base, counted);
  expect(node.getColumnsSync({ schema: "main", identifier: "orders" }).map((c) => c.name)).toEqual(["id", "status"]);
  expect(names(node.listRelationsSync(null, "main"))).toEqual(["orders"]);
  node.end();
  expect(begun()).toBe(0);
});

it("runs a node's statements on one transaction opened at the first, which sees its own relations, and rolls them back", async () => {
  const { base, counted, begun } = await start(2);
  const node = lazyTransaction(base, counted);
  expect(node.executeSync("select count(*) as n from orders", { fetch: true }).rows).toEqual([{ n: 1 }]);
  node.executeSync("create table scratch as select 2 as amount");
  expect(node.getColumnsSync({ schema: "main", identifier: "scratch" }).map((c) => c.name)).toEqual(["amount"]);
  expect(names(node.listRelationsSync(null, "main"))).toEqual(["orders", "scratch"]);
  node.end();
  node.end();
  expect(begun()).toBe(1);
  expect(names(base.listRelationsSync(null, "main"))).toEqual(["orders"]);
});

it("reads the catalog on its transaction when that holds the target's only connection", async () => {
  const { base, counted } = await start(1);
  const node = lazyTransaction(base, counted);
  try {
    node.executeSync("select 1 as one");
    expect(node.getColumnsSync({ schema: "main", identifier: "orders" }).map((c) => c.name)).toEqual(["id", "status"]);
    expect(names(node.listRelationsSync(null, "main"))).toEqual(["orders"]);
  } finally {
    node.end();
  }
  expect(base.executeSync("select 2 as two", { fetch: true }).rows).toEqual([{ two: 2 }]);
});
