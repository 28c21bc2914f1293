import { receiveMessageOnPort } from "node:worker_threads";
import { spawnCheckWorker, takeEarlyCheckWorker, type IdleWorker } from "./spawn-worker";
import type { CheckWork, CheckWorkerResult } from "./worker-entry";

/**
 * Templates being compiled on a worker thread while the calling thread goes on (a parse checks the
 * syntax of every package macro, most of which nothing calls). Results are taken synchronously,
 * without the event loop: a parse is one synchronous pass.
 */
export interface CheckWorker {
  /** Hands every result that has arrived to `onResult` (the template's index and code, `undefined` when it failed). */
  drain(onResult: (index: number, code: string | undefined) => void): void;
  /** Blocks until the worker is done, then drains. */
  finish(onResult: (index: number, code: string | undefined) => void): void;
}

/** How long {@link CheckWorker.finish} waits for a worker that posts nothing before compiling the rest itself. */
const STALLED_MS = 10_000;

/** The worker {@link prestartCheckWorker} started (or took from the CLI), until a {@link startCheckWorker} takes it. */
let prestarted: IdleWorker | undefined;

/** Whether this process has prestarted a worker. */
let prestartedOnce = false;

/**
 * Starts a check worker before its work is known, so that it has loaded the compiler when
 * {@link startCheckWorker} gives it templates (a worker takes tens of milliseconds to start).
 * {@link releasePrestartedWorker} ends it if it is not used. Once per process: a long-lived process
 * (the Node API, watch mode) keeps the templates it compiled, so its later parses rarely need a
 * worker (and start one when they do).
 */
export function prestartCheckWorker(): void {
  if (prestartedOnce) return;
  prestartedOnce = true;
  prestarted = takeEarlyCheckWorker() ?? spawnCheckWorker();
}

/** Ends a prestarted worker nothing took. */
export function releasePrestartedWorker(): void {
  for (const idle of [prestarted, takeEarlyCheckWorker()]) {
    if (!idle) continue;
    idle.port.close();
    void idle.worker.terminate();
  }
  prestarted = undefined;
}

/**
 * Has a worker (the prestarted one, else a new one) compile the templates of `work` (result indices run
 * over `[...toCheck, ...toRender, ...callable]`); `undefined` when the worker's script is missing
 * (sources not built) or a worker cannot be started: the caller then compiles them itself.
 */
export function startCheckWorker(work: CheckWork): CheckWorker | undefined {
  const started = prestarted ?? takeEarlyCheckWorker() ?? spawnCheckWorker();
  prestarted = undefined;
  if (!started) return undefined;
  const { worker, port, signal } = started;
  port.postMessage(work);
  let received = 0;
  const drain = (onResult: (index: number, code: string | undefined) => void) => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const result = m.message as CheckWorkerResult;
      received++;
      onResult(result.index, result.code);
    }
  };
  return {
    drain,
    finish(onResult) {
      // events cannot be seen while blocked: a worker that posts nothing for STALLED_MS is given up on
      let last = received;
      let idleSince = Date.now();
      while (Atomics.load(signal, 0) === 0 && Date.now() - idleSince < STALLED_MS) {
        Atomics.wait(signal, 0, 0, 50);
        drain(onResult);
        if (received !== last) (last = received), (idleSince = Date.now());
      }
      drain(onResult);
      port.close();
      void worker.terminate();
    },
  };
}
