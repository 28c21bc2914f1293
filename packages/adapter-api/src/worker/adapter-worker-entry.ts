/*
 * The adapter worker: owns one warehouse adapter, answers requests from the main thread
 * (many in flight at once), and wakes a main thread blocked in a synchronous call.
 * Started by startAdapterWorker; not meant to be imported.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Adapter, ExecuteOptions, QueryResult } from "../adapter";
import { loadAdapter } from "../load-adapter";
import {
  SIGNAL_ANSWERED,
  SIGNAL_WORKER_DIED,
  toWireError,
  type WorkerAnswer,
  type WorkerReady,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerStartData,
} from "./protocol";

interface OpenTransaction {
  execute: (sql: string, options?: ExecuteOptions) => Promise<QueryResult>;
  decide: (commit: boolean) => void;
  done: Promise<void>;
}

/** Thrown inside the adapter's transaction body to make it roll back. */
const ROLLBACK = Symbol("rollback");

const start = workerData as WorkerStartData;
const signal = new Int32Array(start.signal);
const port = parentPort!;
const transactions = new Map<number, OpenTransaction>();
let adapter: Adapter;

function reply(request: WorkerRequest, outcome: WorkerAnswer): void {
  const message: WorkerResponse = { id: request.id, ...outcome };
  if (!request.sync) {
    port.postMessage(message);
    return;
  }
  start.syncPort.postMessage(message);
  Atomics.store(signal, 0, SIGNAL_ANSWERED);
  Atomics.notify(signal, 0);
}

function answer(request: WorkerRequest, work: Promise<unknown>): void {
  work.then(
    (value) => reply(request, { ok: true, value }),
    (error: unknown) => reply(request, { ok: false, error: toWireError(error) }),
  );
}

function begin(request: WorkerRequest): void {
  let started = false;
  let decide!: (commit: boolean) => void;
  const decision = new Promise<boolean>((resolve) => (decide = resolve));
  const done = adapter.transaction(async (tx) => {
    started = true;
    transactions.set(request.id, { execute: (sql, options) => tx.execute(sql, options), decide, done });
    reply(request, { ok: true, value: request.id });
    if (!(await decision)) throw ROLLBACK;
  });
  done.catch((error: unknown) => {
    if (!started) reply(request, { ok: false, error: toWireError(error) });
  });
}

function end(request: WorkerRequest): void {
  const open = transactions.get(request.transactionId ?? -1);
  if (!open) {
    reply(request, { ok: false, error: { name: "Error", message: `No open transaction ${request.transactionId}.` } });
    return;
  }
  transactions.delete(request.transactionId!);
  open.decide(request.args[0] === true);
  answer(request, open.done.catch((error: unknown) => (error === ROLLBACK ? undefined : Promise.reject(error))));
}

function dispatch(request: WorkerRequest): Promise<unknown> {
  const a = request.args as never[];
  switch (request.op) {
    case "execute": {
      if (request.transactionId === undefined) return adapter.execute(a[0], a[1]);
      const open = transactions.get(request.transactionId);
      if (!open) return Promise.reject(new Error(`The transaction ${request.transactionId} is no longer open.`));
      return open.execute(a[0], a[1]);
    }
    case "listRelations":
      return adapter.listRelations(a[0], a[1]);
    case "getColumns":
      return adapter.getColumns(a[0]);
    case "listSchemas":
      return adapter.listSchemas(a[0]);
    case "loadCsv":
      if (!adapter.loadCsv) return Promise.reject(new Error(`The ${adapter.type} adapter cannot bulk-load CSV files.`));
      return adapter.loadCsv(a[0], a[1], a[2], a[3]);
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
  Atomics.store(signal, 0, SIGNAL_WORKER_DIED);
  Atomics.notify(signal, 0);
  throw error;
});

async function main(): Promise<void> {
  try {
    adapter = loadAdapter(start.target.type)(start.target, start.context);
    await adapter.open();
  } catch (error) {
    port.postMessage({ kind: "failed", error: toWireError(error) });
    return;
  }
  port.on("message", (request: WorkerRequest) => {
    if (request.op === "begin") begin(request);
    else if (request.op === "end") end(request);
    else answer(request, dispatch(request));
  });
  const ready: WorkerReady = {
    kind: "ready",
    type: adapter.type,
    defaultDatabase: adapter.defaultDatabase,
    defaultSchema: adapter.defaultSchema,
    capabilities: adapter.capabilities,
    canLoadCsv: typeof adapter.loadCsv === "function",
  };
  port.postMessage(ready);
}

void main();
