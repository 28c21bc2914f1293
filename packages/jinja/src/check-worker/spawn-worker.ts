// Starts a check worker thread, waiting for its work. Requires nothing but node:worker_threads: the
// CLI's bin (packages/cli/bin/early-check-worker.js) loads this file on its own, before the CLI's
// bundle, to start the worker as early as it can; start-check-worker.ts adopts that worker.
import type { MessagePort, Worker } from "node:worker_threads";
import { threads } from "./worker-threads";
import type { CheckWorkerData } from "./worker-entry";

/** A worker thread started, waiting for its work. */
export interface IdleWorker {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
  /** Whether it was given jobs (worker-jobs.ts) that its caller may still wait for: it is then never terminated before it has done them. */
  hasJobs: boolean;
}

/**
 * The worker's stack, smaller than the main thread's (V8's default, about 1 MB): a template nested so
 * deep that the main thread's parser would run out of stack fails on the worker too, and is then
 * compiled again on the calling thread, which reports what it always reported.
 */
const WORKER_STACK_MB = 0.5;

/**
 * The worker's young generation, small: it allocates much and keeps little, and on a machine where
 * touching a fresh page of memory is costly a young generation that stays small (its pages reused)
 * cost fewer page faults than V8's default, which grows it (dbt-utils' first parse: about 1,400
 * fewer page faults, 40 ms less CPU, no slower; docs/performance.md).
 */
const WORKER_YOUNG_GENERATION_MB = 2;

/** Starts `script` (the worker's entry, worker-entry.ts or the CLI's bundled one) as a check worker; `undefined` when a worker cannot be started. */
export function spawnCheckWorker(script: string): IdleWorker | undefined {
  const { port1, port2 } = new (threads().MessageChannel)();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  try {
    const worker = new (threads().Worker)(script, { workerData: { port: port2, signal } satisfies CheckWorkerData, transferList: [port2], resourceLimits: { stackSizeMb: WORKER_STACK_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    // it never keeps the process alive (a parse that stops early leaves it to finish on its own)
    worker.unref();
    // an error on the worker (it ran out of memory) only leaves its templates to the caller
    worker.on("error", () => undefined);
    return { worker, port: port1, signal, hasJobs: false };
  } catch {
    port1.close();
    return undefined;
  }
}

/** Where the CLI's bin leaves a worker it started before the bundle loaded (see {@link takeEarlyCheckWorker}). */
export const EARLY_CHECK_WORKER = Symbol.for("tsdbt.earlyCheckWorker");

/** The worker the CLI's bin started before this module was loaded, once (it is then this caller's to use or end). */
export function takeEarlyCheckWorker(): IdleWorker | undefined {
  const holder = globalThis as { [EARLY_CHECK_WORKER]?: IdleWorker };
  const early = holder[EARLY_CHECK_WORKER];
  delete holder[EARLY_CHECK_WORKER];
  return early;
}
