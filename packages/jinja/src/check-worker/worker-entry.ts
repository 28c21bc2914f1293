// The check worker: waits for its work on its channel (it may be started before the work is known),
// compiles the templates (see work-order.ts for the order) and posts each one's JavaScript, or that it
// failed; then raises its signal, whatever happened. It loads the parser and code generator only, not
// the runtime. See start-check-worker.ts. Before that, it may be given jobs: a function of another
// module run on inputs (worker-jobs.ts), or told that no templates will come.
import { workerData, type MessagePort } from "node:worker_threads";
import { DONE, UNCLAIMED, WORKER } from "./claims";

// the compiler is loaded now (before the work comes) but required again inside the handler: if it cannot
// be loaded, the handler's `finally` still raises the signal and the main thread compiles everything itself
const compiler = () => ({ ...(require("./generate-code") as typeof import("./generate-code")), ...(require("./work-order") as typeof import("./work-order")) });
try {
  compiler();
} catch {
  // reported by the handler
}

/** The worker's channel and signal (workerData). */
export interface CheckWorkerData {
  port: MessagePort;
  /** Set to 1 (and notified) once the worker is done. */
  signal: Int32Array;
}

/** The templates to compile: the worker's last message. */
export interface CheckWork {
  kind: "check";
  filters: string[];
  tests: string[];
  /** Templates to check (macros). */
  toCheck: string[];
  /** Templates the caller is about to render: compiled first. */
  toRender: string[];
  /** Macros that may be called but are not checked: compiled when a template to render mentions them. */
  callable: string[];
  /**
   * One Int32 per template (result index), whoever claims it first compiles it: 0 unclaimed, 1 the
   * caller (it needed the template before the worker got to it, or took it while waiting for the
   * worker to finish), 2 the worker.
   */
  claimed: SharedArrayBuffer;
}

/** Jobs for the worker (see worker-jobs.ts): `exportName` of `modulePath` run on each input, last first, unless claimed. */
export interface JobsWork {
  kind: "jobs";
  modulePath: string;
  exportName: string;
  inputs: readonly string[];
  /** One Int32 per input: 0 unclaimed, 1 the caller's, 2 the worker's, 3 the worker's and its result posted. */
  claimed: SharedArrayBuffer;
  /** Where results go. */
  port: MessagePort;
}

/** One job done: its result, or that it threw. */
export interface JobsResult {
  index: number;
  value?: unknown;
  failed?: true;
}

/** No templates will come: the worker ends after its jobs. */
export interface ReleaseWork {
  kind: "release";
}

/** One template done: its index in `[...toCheck, ...toRender, ...callable]` and its code, `undefined` when compiling it threw. */
export interface CheckWorkerResult {
  index: number;
  code: string | undefined;
}

const { port, signal } = workerData as CheckWorkerData;
port.on("message", (work: CheckWork | JobsWork | ReleaseWork) => {
  if (work.kind === "jobs") return runJobs(work);
  if (work.kind === "release") return port.close();
  try {
    compileAll(work);
  } finally {
    // what was not posted is compiled by the main thread
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
    port.close();
  }
});

function runJobs(work: JobsWork): void {
  const claimed = new Int32Array(work.claimed);
  let run: ((input: string) => unknown) | undefined;
  try {
    run = (require(work.modulePath) as Record<string, (input: string) => unknown>)[work.exportName];
  } catch {
    // every job is left to the caller
  }
  for (let index = work.inputs.length - 1; index >= 0 && run; index--) {
    if (Atomics.compareExchange(claimed, index, UNCLAIMED, WORKER) !== UNCLAIMED) continue;
    try {
      work.port.postMessage({ index, value: run(work.inputs[index]) } satisfies JobsResult);
    } catch {
      // it threw, or its value cannot be cloned: the caller does it again
      work.port.postMessage({ index, failed: true } satisfies JobsResult);
    }
    Atomics.store(claimed, index, DONE);
    Atomics.notify(claimed, index);
  }
}

function compileAll(work: CheckWork): void {
  const { generateCode, workOrder } = compiler();
  const filters = new Set(work.filters);
  const tests = new Set(work.tests);
  const all = [...work.toCheck, ...work.toRender, ...work.callable];
  const claimed = new Int32Array(work.claimed);
  for (const index of workOrder(work.toCheck, work.toRender, work.callable)) {
    if (Atomics.compareExchange(claimed, index, UNCLAIMED, WORKER) !== UNCLAIMED) continue;
    let code: string | undefined;
    try {
      code = generateCode(all[index], (n) => filters.has(n), (n) => tests.has(n));
    } catch {
      // the main thread compiles it again to report the error exactly as it would have
      code = undefined;
    }
    port.postMessage({ index, code } satisfies CheckWorkerResult);
  }
}
