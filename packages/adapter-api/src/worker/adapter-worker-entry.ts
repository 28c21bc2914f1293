/*
 * The adapter worker: owns one warehouse adapter, answers requests from the main thread
 * (many in flight at once), and wakes a main thread blocked in a synchronous call.
 * Started by startAdapterWorker; not meant to be imported.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { Adapter, ExecuteOptions, QueryResult } from "../adapter";
import type { RelationRef } from "../relation";
import { loadAdapter } from "../load-adapter";
import {
  SIGNAL_ANSWERED,
  SIGNAL_WORKER_DIED,
  toWireError,
  type OpenRequest,
  type WorkerAnswer,
  type WorkerReady,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerStartData,
} from "./protocol";
import { CatalogCache, mayChangeCatalog } from "./catalog-cache";
import type { SyncChannel } from "./sync-client";

interface OpenTransaction {
  execute: (sql: string, options?: ExecuteOptions) => Promise<QueryResult>;
  /** Whether a statement that may create, drop or rename relations ran in it. */
  changesCatalog: boolean;
  decide: (commit: boolean) => void;
  done: Promise<void>;
}

/** Thrown inside the adapter's transaction body to make it roll back. */
const ROLLBACK = Symbol("rollback");

const start = workerData as WorkerStartData;
const parent = parentPort!;
const signals: Int32Array[] = [];
const transactions = new Map<number, OpenTransaction>();
let lastTransactionId = 0;
let adapter: Adapter;
/** Shared by every thread's requests: catalog reads kept until the catalog changes. */
const catalog = new CatalogCache(new Int32Array(start.catalogGeneration));

/** How a request's answer gets back to whoever asked. */
type Reply = (request: WorkerRequest, outcome: WorkerAnswer) => void;

const replyToParent: Reply = (request, outcome) => parent.postMessage({ id: request.id, ...outcome } satisfies WorkerResponse);

/** Answers on the channel, then raises its signal: the asking thread is blocked in Atomics.wait. */
function replierFor(channel: SyncChannel): Reply {
  const signal = new Int32Array(channel.signal);
  signals.push(signal);
  return (request, outcome) => {
    channel.port.postMessage({ id: request.id, ...outcome } satisfies WorkerResponse);
    Atomics.store(signal, 0, SIGNAL_ANSWERED);
    Atomics.notify(signal, 0);
  };
}

/** Serves the requests arriving on one port. */
function serve(port: MessagePort | typeof parent, reply: Reply): void {
  port.on("message", (request: WorkerRequest) => {
    if (request.op === "begin") begin(request, reply);
    else if (request.op === "end") end(request, reply);
    else if (request.op === "attach") attach(request, reply);
    else answer(request, reply, dispatch(request));
  });
}

function answer(request: WorkerRequest, reply: Reply, work: Promise<unknown>): void {
  work.then(
    (value) => reply(request, { ok: true, value }),
    (error: unknown) => reply(request, { ok: false, error: toWireError(error) }),
  );
}

function begin(request: WorkerRequest, reply: Reply): void {
  const transactionId = ++lastTransactionId;
  let started = false;
  let decide!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  // `done` is read when the transaction ends, never inside the body: an adapter may call the
  // body before its transaction() returns (BigQuery's runs it at once), when `done` is not set yet
  const entry = { decide, done: Promise.resolve(), changesCatalog: false } as OpenTransaction;
  const done = adapter.transaction(async (tx) => {
    started = true;
    entry.execute = (sql, options) => tx.execute(sql, options);
    transactions.set(transactionId, entry);
    reply(request, { ok: true, value: transactionId });
    if (!(await decision)) throw ROLLBACK;
  });
  entry.done = done;
  done.catch((error: unknown) => {
    if (!started) reply(request, { ok: false, error: toWireError(error) });
  });
}

function end(request: WorkerRequest, reply: Reply): void {
  const open = transactions.get(request.transactionId ?? -1);
  if (!open) {
    reply(request, { ok: false, error: { name: "Error", message: `No open transaction ${request.transactionId}.` } });
    return;
  }
  transactions.delete(request.transactionId!);
  open.decide(request.args[0] === true);
  // what other connections see changes when a transaction that changed the catalog ends, committed or rolled back
  const ended = () => open.done.catch((error: unknown) => (error === ROLLBACK ? undefined : Promise.reject(error)));
  answer(request, reply, open.changesCatalog ? changingCatalog(ended) : ended());
}

/** Starts serving a new synchronous channel (its port arrives transferred as the request's argument). */
function attach(request: WorkerRequest, reply: Reply): void {
  const channel = request.args[0] as SyncChannel;
  serve(channel.port, replierFor(channel));
  reply(request, { ok: true, value: null });
}

/** Runs work that may create, drop or rename relations: listings from before or during it are dropped. */
function changingCatalog<T>(work: () => Promise<T>): Promise<T> {
  catalog.invalidate();
  return work().finally(() => catalog.invalidate());
}

function dispatch(request: WorkerRequest): Promise<unknown> {
  const a = request.args as never[];
  switch (request.op) {
    case "execute": {
      const open = request.transactionId === undefined ? undefined : transactions.get(request.transactionId);
      if (request.transactionId !== undefined && !open) return Promise.reject(new Error(`The transaction ${request.transactionId} is no longer open.`));
      const run = () => (open ? open.execute(a[0], a[1]) : adapter.execute(a[0], a[1]));
      if (!mayChangeCatalog(a[0])) return run();
      if (open) open.changesCatalog = true;
      return changingCatalog(run);
    }
    case "listRelations":
      return catalog.relations(a[0], a[1], () => adapter.listRelations(a[0], a[1]));
    case "findRelations": {
      const wanted = new Set((a[2] as string[]).map((n) => n.toLowerCase()));
      const listed = catalog.cachedRelations(a[0], a[1]);
      if (!listed && adapter.findRelations) return adapter.findRelations(a[0], a[1], a[2]);
      return (listed ?? catalog.relations(a[0], a[1], () => adapter.listRelations(a[0], a[1]))).then((all) => all.filter((r) => wanted.has(r.identifier.toLowerCase())));
    }
    case "getColumns": {
      const relation = a[0] as RelationRef;
      const loadSchema = adapter.getSchemaColumns && (() => adapter.getSchemaColumns!(relation.database ?? null, relation.schema));
      return catalog.columns(relation, () => adapter.getColumns(relation), loadSchema);
    }
    case "listSchemas":
      return adapter.listSchemas(a[0]);
    case "loadCsv":
      if (!adapter.loadCsv) return Promise.reject(new Error(`The ${adapter.type} adapter cannot bulk-load CSV files.`));
      return changingCatalog(() => adapter.loadCsv!(a[0], a[1], a[2], a[3]));
    case "dryRun":
      if (!adapter.dryRun) return Promise.reject(new Error(`The ${adapter.type} adapter has no dry runs.`));
      return adapter.dryRun(a[0]);
    case "copyTables":
      if (!adapter.copyTables) return Promise.reject(new Error(`The ${adapter.type} adapter has no copy jobs.`));
      return changingCatalog(() => adapter.copyTables!(a[0], a[1], a[2]));
    case "cancel":
      return adapter.cancel();
    case "close":
      return adapter.close();
    default:
      return Promise.reject(new Error(`Unknown adapter worker operation '${String(request.op)}'.`));
  }
}

process.on("uncaughtException", (error) => {
  // Wake a main thread blocked in a synchronous call; it would otherwise wait forever.
  for (const signal of signals) {
    Atomics.store(signal, 0, SIGNAL_WORKER_DIED);
    Atomics.notify(signal, 0);
  }
  throw error;
});

async function main(): Promise<void> {
  try {
    adapter = loadAdapter(start.target.type, start.loadOptions)(start.target, start.context);
    if (start.deferOpen) {
      adapter.loadDriver?.();
      // not wanted: end this thread from here, where no native call is running
      if (!(await openRequested())) process.exit(0);
    }
    await adapter.open();
  } catch (error) {
    parent.postMessage({ kind: "failed", error: toWireError(error) });
    return;
  }
  serve(parent, replyToParent);
  serve(start.syncChannel.port, replierFor(start.syncChannel));
  const ready: WorkerReady = {
    kind: "ready",
    type: adapter.type,
    defaultDatabase: adapter.defaultDatabase,
    defaultSchema: adapter.defaultSchema,
    capabilities: adapter.capabilities,
    canLoadCsv: typeof adapter.loadCsv === "function",
  };
  parent.postMessage(ready);
}

/** Waits for the starting thread's {@link OpenRequest}: whether to open the adapter. */
function openRequested(): Promise<boolean> {
  return new Promise((resolve) => parent.once("message", (request: OpenRequest) => resolve(request.open)));
}

void main();
