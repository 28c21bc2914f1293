import { AdapterError, type LoadAdapterOptions } from "../load-adapter";
import type { AdapterContext, ProfileTarget } from "../adapter";
import type { Capabilities } from "../capabilities";
import type { RelationRef } from "../relation";
import type { SyncChannel } from "./sync-client";

/** What the main thread can ask the adapter worker to do. */
export type WorkerOperation =
  | "execute"
  | "listRelations"
  | "findRelations"
  | "getColumns"
  | "listSchemas"
  | "loadCsv"
  | "dryRun"
  | "copyTables"
  | "cancel"
  | "begin"
  | "end"
  | "attach"
  | "close";

/**
 * A request posted to the worker. `transactionId` routes a statement to an open transaction.
 * Requests on the worker's parent port are answered there; requests on a {@link SyncChannel}
 * are answered on that channel, which also wakes the blocked caller.
 */
export interface WorkerRequest {
  id: number;
  op: WorkerOperation;
  args: unknown[];
  transactionId?: number;
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
  loadOptions: LoadAdapterOptions;
  /** The channel of the starting thread's own synchronous calls. */
  syncChannel: SyncChannel;
  /** An Int32 raised each time the worker's catalog cache is invalidated. */
  catalogGeneration: SharedArrayBuffer;
  /** Create the adapter (loading its driver), then wait for an {@link OpenRequest} before opening it. */
  deferOpen?: boolean;
}

/** Sent to a worker started with `deferOpen` when it may open the adapter. */
export interface OpenRequest {
  kind: "open";
  /** False: the adapter is not wanted after all; the worker ends its thread without opening it. */
  open: boolean;
}

/** Values of slot 0 of a {@link SyncChannel}'s signal (an Int32Array over its SharedArrayBuffer). */
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

/** A Relation object carries functions; only its name parts cross the thread boundary. */
export function plainRelation(relation: RelationRef): RelationRef {
  const policy = relation.quotePolicy;
  return {
    database: relation.database ?? null,
    schema: relation.schema,
    identifier: relation.identifier,
    type: relation.type ?? null,
    ...(policy ? { quotePolicy: { database: policy.database, schema: policy.schema, identifier: policy.identifier } } : {}),
  };
}
