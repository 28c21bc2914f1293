// The check worker: compiles the templates it is given, in order, and posts each one's JavaScript
// (or that it failed) on its channel; then raises its signal. It loads the parser and code
// generator only, not the runtime. See start-check-worker.ts.
import { workerData, type MessagePort } from "node:worker_threads";
import { generateCode } from "./generate-code";

/** What the main thread gives the worker. */
export interface CheckWorkerData {
  port: MessagePort;
  /** Set to 1 (and notified) once every template has been posted. */
  signal: Int32Array;
  filters: string[];
  tests: string[];
  sources: string[];
}

/** One template done: its index in `sources` and its code, `undefined` when compiling it threw. */
export interface CheckWorkerResult {
  index: number;
  code: string | undefined;
}

const data = workerData as CheckWorkerData;
const filters = new Set(data.filters);
const tests = new Set(data.tests);
for (let index = 0; index < data.sources.length; index++) {
  let code: string | undefined;
  try {
    code = generateCode(data.sources[index], (n) => filters.has(n), (n) => tests.has(n));
  } catch {
    // the main thread compiles it again to report the error exactly as it would have
    code = undefined;
  }
  data.port.postMessage({ index, code } satisfies CheckWorkerResult);
}
Atomics.store(data.signal, 0, 1);
Atomics.notify(data.signal, 0);
data.port.close();
