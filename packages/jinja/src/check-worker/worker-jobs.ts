import type { MessagePort } from "node:worker_threads";
import { prestartedWorker } from "./start-check-worker";
import type { JobsResult, JobsWork } from "./worker-entry";
import { CALLER, DONE, STALLED_MS, UNCLAIMED, WORKER } from "./claims";
import { threads } from "./worker-threads";

/**
 * Work a prestarted check worker does for its caller before it compiles templates: one exported
 * function of a module run on each input, each result sent back as a structured clone. The caller
 * works through the inputs from the first, the worker from the last, each skipping what the other
 * has started, so they meet in the middle and neither waits for the other for long.
 */
export interface WorkerJobs {
  /**
   * Job `index`'s result (`{ value }`) when the worker did it, after waiting for it if the worker is
   * at it; `undefined` when the caller is to do it itself: the worker had not started it (it never
   * will now), or it failed there (the caller then gets the error as it always would). While the
   * worker is at it, `meanwhile` is called until it returns false (it has nothing more to do): the
   * caller does later jobs itself (see {@link WorkerJobs.claim}) instead of waiting.
   */
  take(index: number, meanwhile?: () => boolean): { value: unknown } | undefined;
  /** Claims job `index` for the caller, unless the worker has started it (or the caller has it already): whether it did. */
  claim(index: number): boolean;
}

/**
 * Has the prestarted check worker (prestartCheckWorker) run `exportName` of `modulePath` (a built
 * CommonJS file; the function takes one input and returns a value structured clone can copy) on
 * each of `inputs`, last first; `undefined` when no worker was prestarted or is still unclaimed.
 * The worker loads the module when the work arrives: it should require little.
 */
export function runOnPrestartedWorker(modulePath: string, exportName: string, inputs: readonly string[]): WorkerJobs | undefined {
  const worker = prestartedWorker();
  if (!worker || inputs.length === 0) return undefined;
  const { port1, port2 } = new (threads().MessageChannel)();
  const claimed = new Int32Array(new SharedArrayBuffer(4 * inputs.length));
  worker.port.postMessage({ kind: "jobs", modulePath, exportName, inputs, claimed: claimed.buffer, port: port2 } satisfies JobsWork, [port2]);
  worker.hasJobs = true;
  // results that arrived before the one asked for (the port is never started: it keeps nothing alive)
  const results = new Map<number, JobsResult>();
  const receive = (port: MessagePort) => {
    for (let m = threads().receiveMessageOnPort(port); m; m = threads().receiveMessageOnPort(port)) {
      const result = m.message as JobsResult;
      results.set(result.index, result);
    }
  };
  return {
    take(index, meanwhile) {
      if (Atomics.compareExchange(claimed, index, UNCLAIMED, CALLER) === UNCLAIMED || Atomics.load(claimed, index) === CALLER) return undefined;
      // the worker posts a result before it marks the job done
      const since = Date.now();
      let busy = meanwhile !== undefined;
      while (Atomics.load(claimed, index) !== DONE && Date.now() - since < STALLED_MS) {
        busy &&= meanwhile!();
        if (!busy) Atomics.wait(claimed, index, WORKER, 50);
      }
      receive(port1);
      const result = results.get(index);
      results.delete(index);
      return result && !result.failed ? { value: result.value } : undefined;
    },
    claim: (index) => Atomics.compareExchange(claimed, index, UNCLAIMED, CALLER) === UNCLAIMED,
  };
}
