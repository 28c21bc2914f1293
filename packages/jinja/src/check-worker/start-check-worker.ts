import * as fs from "node:fs";
import * as path from "node:path";
import type { CheckWork, CheckWorkerResult, ReleaseWork } from "./worker-entry";
import { CALLER, STALLED_MS, UNCLAIMED } from "./claims";
import { threads } from "./worker-threads";
import { spawnCheckWorker, takeEarlyCheckWorker, type IdleWorker } from "./spawn-worker";

/**
 * Templates being compiled on a worker thread while the calling thread goes on (a parse checks the
 * syntax of every package macro, most of which nothing calls). Results are taken synchronously,
 * without the event loop: a parse is one synchronous pass.
 */
export interface CheckWorker {
  /** Hands every result that has arrived to `onResult` (the template's index and code, `undefined` when it failed). */
  drain(onResult: (index: number, code: string | undefined) => void): void;
  /**
   * Waits until the worker is done, then drains. Meanwhile the caller takes templates of `stealable`
   * (result indices, last first) that the worker has not started, and compiles them with `compile`:
   * the two meet in the middle instead of one waiting for the other.
   */
  finish(onResult: (index: number, code: string | undefined) => void, stealable?: readonly number[], compile?: (index: number) => void): void;
  /** Tells the worker that the caller compiles template `index` itself: the worker skips it unless it has started it. */
  claim(index: number): void;
}

/** The worker {@link prestartCheckWorker} started, until a {@link startCheckWorker} takes it. */
let prestarted: IdleWorker | undefined;

function spawn(): IdleWorker | undefined {
  const script = workerScript();
  return script ? spawnCheckWorker(script) : undefined;
}

/** Whether this process has prestarted a worker. */
let prestartedOnce = false;

/**
 * Starts a check worker before its work is known, so that it has loaded the compiler when
 * {@link startCheckWorker} gives it templates (a worker takes tens of milliseconds to start), or
 * adopts the one the CLI started before it loaded (see spawn-worker.ts).
 * {@link releasePrestartedWorker} ends it if it is not used. Once per process: a long-lived process
 * (the Node API, watch mode) keeps the templates it compiled, so its later parses rarely need a
 * worker (and start one when they do).
 */
export function prestartCheckWorker(): void {
  if (prestartedOnce) return;
  prestartedOnce = true;
  prestarted = takeEarlyCheckWorker() ?? spawn();
}

/** Ends the worker the CLI started before it loaded, if there is one: the parse found it does not need one. */
export function discardEarlyCheckWorker(): void {
  const early = takeEarlyCheckWorker();
  if (early) (early.port.close(), void early.worker.terminate());
}

/** The worker {@link prestartCheckWorker} started, while no {@link startCheckWorker} or {@link releasePrestartedWorker} took it. */
export function prestartedWorker(): IdleWorker | undefined {
  return prestarted;
}

/** Ends a prestarted worker nothing took (after the jobs it was given, which its caller may be waiting for). */
export function releasePrestartedWorker(): void {
  if (!prestarted) return;
  if (prestarted.hasJobs) prestarted.port.postMessage({ kind: "release" } satisfies ReleaseWork);
  else (prestarted.port.close(), void prestarted.worker.terminate());
  prestarted = undefined;
}

/**
 * Has a worker (the prestarted one, else a new one) compile the templates of `work` (result indices run
 * over `[...toCheck, ...toRender, ...callable]`); `undefined` when the worker's script is missing
 * (sources not built) or a worker cannot be started: the caller then compiles them itself.
 */
export function startCheckWorker(work: Omit<CheckWork, "claimed" | "kind">): CheckWorker | undefined {
  const started = prestarted ?? spawn();
  prestarted = undefined;
  if (!started) return undefined;
  const { worker, port, signal } = started;
  const claimed = new Int32Array(new SharedArrayBuffer(4 * (work.toCheck.length + work.toRender.length + work.callable.length)));
  port.postMessage({ ...work, kind: "check", claimed: claimed.buffer } satisfies CheckWork);
  let received = 0;
  const drain = (onResult: (index: number, code: string | undefined) => void) => {
    for (let m = threads().receiveMessageOnPort(port); m; m = threads().receiveMessageOnPort(port)) {
      const result = m.message as CheckWorkerResult;
      received++;
      onResult(result.index, result.code);
    }
  };
  return {
    drain,
    claim: (index) => void Atomics.compareExchange(claimed, index, UNCLAIMED, CALLER),
    finish(onResult, stealable = [], compile = () => undefined) {
      for (let i = stealable.length - 1; i >= 0 && Atomics.load(signal, 0) === 0; i--) {
        if (Atomics.compareExchange(claimed, stealable[i], UNCLAIMED, CALLER) !== UNCLAIMED) continue;
        compile(stealable[i]);
        drain(onResult);
      }
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

/** In the CLI's one-file bundle: the bundle's folder (scripts/bundle.mjs puts it in the bundle's first line). */
declare const __tsdbtBundleDir: string | undefined;

/** The worker script: the CLI bundle's when this runs from it, else the compiled one beside this file when built, in dist/ when this runs from sources (tests). */
function workerScript(): string | undefined {
  // the CLI's bundle has its own, code-cached worker (packages/cli/bin/check-worker.js)
  const bundled = typeof __tsdbtBundleDir === "string" ? [path.join(__tsdbtBundleDir, "..", "bin", "check-worker.js")] : [];
  const candidates = [...bundled, path.join(__dirname, "worker-entry.js"), path.join(__dirname, "..", "..", "dist", "check-worker", "worker-entry.js")];
  return candidates.find((file) => fs.existsSync(file));
}
