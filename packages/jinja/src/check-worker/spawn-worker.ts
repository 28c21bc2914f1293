// Starting a check worker thread. This file requires nothing but Node's own modules, so the CLI's entry
// script can load it on its own (from dist/) and start the worker before it loads the rest of tsdbt.
import * as fs from "node:fs";
import * as path from "node:path";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";

/** A worker thread started, waiting for its work. */
export interface IdleWorker {
  worker: Worker;
  port: MessagePort;
  /** Set to 1 (and notified) by the worker once it is done. */
  signal: Int32Array;
}

/**
 * The worker's stack, smaller than the main thread's (V8's default, about 1 MB): a template nested so
 * deep that the main thread's parser would run out of stack fails on the worker too, and is then
 * compiled again on the calling thread, which reports what it always reported.
 */
const WORKER_STACK_MB = 0.5;

/**
 * Where an early worker waits for the parse to take it: a process-wide slot, because the CLI's entry
 * script loads this file from dist/ while the parse runs a bundled copy of it.
 */
const EARLY_SLOT = Symbol.for("tsdbt.jinja.earlyCheckWorker");

type EarlySlot = { [EARLY_SLOT]?: IdleWorker };

/** Starts a check worker; `undefined` when its script is missing (sources not built) or a worker cannot be started. */
export function spawnCheckWorker(): IdleWorker | undefined {
  const script = workerScript();
  if (!script) return undefined;
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  try {
    const worker = new Worker(script, { workerData: { port: port2, signal }, transferList: [port2], resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    // it never keeps the process alive (a parse that stops early leaves it to finish on its own)
    worker.unref();
    // an error on the worker (it ran out of memory) only leaves its templates to the caller
    worker.on("error", () => undefined);
    return { worker, port: port1, signal };
  } catch {
    port1.close();
    return undefined;
  }
}

/**
 * Starts a check worker before anything else of tsdbt is loaded (the CLI calls it first thing, when the
 * command will likely check many package macros): starting a worker thread takes 40–80 ms on a quiet
 * machine and several times that on a busy one, which the worker then spends while the main thread
 * loads tsdbt and reads the project. The parse takes it with {@link takeEarlyCheckWorker}; one it
 * does not need is ended by `releasePrestartedWorker`.
 */
export function startEarlyCheckWorker(): void {
  const slot = globalThis as EarlySlot;
  if (!slot[EARLY_SLOT]) slot[EARLY_SLOT] = spawnCheckWorker();
}

/** The worker {@link startEarlyCheckWorker} started, once (later calls get `undefined`). */
export function takeEarlyCheckWorker(): IdleWorker | undefined {
  const slot = globalThis as EarlySlot;
  const early = slot[EARLY_SLOT];
  delete slot[EARLY_SLOT];
  return early;
}

/** The compiled worker script: beside this file when built, in dist/ when this runs from sources (tests). */
function workerScript(): string | undefined {
  const candidates = [path.join(__dirname, "worker-entry.js"), path.join(__dirname, "..", "..", "dist", "check-worker", "worker-entry.js")];
  return candidates.find((file) => fs.existsSync(file));
}
