import { AdapterError } from "../load-adapter";
import type { AdapterContext, ProfileTarget } from "../adapter";
import type { Capabilities } from "../capabilities";

/** What the main thread can ask the adapter worker to do. */
export type WorkerOperation =
  | "execute"
  | "listRelations"
  | "getColumns"
  | "listSchemas"
  | "loadCsv"
  | "cancel"
  | "begin"
  | "end"
  | "close";

/** A request posted to the worker. `transactionId` routes a statement to an open transaction. */
export interface WorkerRequest {
  id: number;
  op: WorkerOperation;
  args: unknown[];
  transactionId?: number;
  /** Answer on the synchronous reply port and wake the blocked caller. */
  sync?: boolean;
}

/** An error as it crosses the thread boundary: message, name, and the stable code and hint when there are any. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  hint?: string;
}

/** The outcome of one request. */
export type WorkerAnswer = { ok: true; value: unknown } | { ok: false; error: WireError };

/** The worker's answer to one request, with the request's id. */
export type WorkerResponse = WorkerAnswer & { id: number };

/** What the worker reports once its adapter is open. */
export interface WorkerReady {
  kind: "ready";
  type: string;
  defaultDatabase: string | null;
  defaultSchema: string;
  capabilities: Capabilities;
  canLoadCsv: boolean;
}

/** Startup data of the worker. */
export interface WorkerStartData {
  target: ProfileTarget;
  context: AdapterContext;
  /** Int32Array over a SharedArrayBuffer: slot 0 is the synchronous-reply signal. */
  signal: SharedArrayBuffer;
  syncPort: import("node:worker_threads").MessagePort;
}

/** Values of the synchronous-reply signal slot. */
export const SIGNAL_WAITING = 0;
export const SIGNAL_ANSWERED = 1;
export const SIGNAL_WORKER_DIED = 2;

/** Turns anything thrown into its wire form. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const { code, hint } = error as Error & { code?: unknown; hint?: unknown };
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === "string" ? { code } : {}),
      ...(typeof hint === "string" ? { hint } : {}),
    };
  }
  return { name: "Error", message: String(error) };
}

/** Rebuilds a thrown error from its wire form: an {@link AdapterError} when it has a code. */
export function fromWireError(wire: WireError): Error {
  if (wire.code) {
    const error = new AdapterError(wire.code, wire.message, wire.hint);
    if (wire.name !== "AdapterError") error.name = wire.name;
    return error;
  }
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}
