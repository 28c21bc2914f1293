import type { MessagePort } from "node:worker_threads";
import type { ExecuteOptions, QueryResult } from "../adapter";
import type { Column } from "../column";
import type { RelationRef } from "../relation";
import { fromWireError, plainRelation, SIGNAL_ANSWERED, SIGNAL_WAITING, type WorkerOperation, type WorkerResponse } from "./protocol";
import { threads } from "./worker-threads";

/**
 * A blocking line to the adapter worker: a message port the worker answers on and a shared
 * signal it raises when an answer is there. Transfer `port` (in `transferList`) to hand the
 * channel to another thread, e.g. a template-rendering worker.
 */
export interface SyncChannel {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/**
 * Makes synchronous warehouse calls over a {@link SyncChannel}: posts one request and blocks
 * the calling thread on `Atomics.wait` until the adapter worker answers. One call at a time
 * per channel (the thread is blocked meanwhile). Errors are rethrown with the engine's message
 * and, for tsdbt's own errors, their code and hint.
 */
export class SyncAdapterClient {
  private readonly signal: Int32Array;
  private nextId = 0;
  private closedReason: Error | null = null;

  constructor(private readonly channel: SyncChannel) {
    this.signal = new Int32Array(channel.signal);
  }

  /** Runs a statement (in the open transaction `transactionId` when given). */
  executeSync(sql: string, options?: ExecuteOptions, transactionId?: number): QueryResult {
    return this.call("execute", [sql, options], transactionId) as QueryResult;
  }

  /** Opens a transaction on a connection of its own (waiting for one to be free) and returns its id. */
  beginSync(): number {
    return this.call("begin", []) as number;
  }

  /** Commits or rolls back the open transaction `transactionId`, blocking until its connection is free again. */
  endSync(transactionId: number, commit: boolean): void {
    this.call("end", [commit], transactionId);
  }

  getColumnsSync(relation: RelationRef): Column[] {
    return this.call("getColumns", [plainRelation(relation)]) as Column[];
  }

  listRelationsSync(database: string | null, schema: string): RelationRef[] {
    return this.call("listRelations", [database, schema]) as RelationRef[];
  }

  listSchemasSync(database: string | null): string[] {
    return this.call("listSchemas", [database]) as string[];
  }

  /** Makes every later call fail with `reason`, and closes the port. */
  close(reason: Error): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.channel.port.close();
  }

  private call(op: WorkerOperation, args: unknown[], transactionId?: number): unknown {
    if (this.closedReason) throw this.closedReason;
    const id = ++this.nextId;
    Atomics.store(this.signal, 0, SIGNAL_WAITING);
    this.channel.port.postMessage({ id, op, args, transactionId });
    while (Atomics.load(this.signal, 0) === SIGNAL_WAITING) Atomics.wait(this.signal, 0, SIGNAL_WAITING);
    if (Atomics.load(this.signal, 0) !== SIGNAL_ANSWERED) throw new Error("The adapter worker stopped while a synchronous call was waiting for it.");
    const response = threads().receiveMessageOnPort(this.channel.port)?.message as WorkerResponse | undefined;
    if (!response || response.id !== id) throw new Error("The adapter worker's answer to a synchronous call went missing.");
    if (!response.ok) throw fromWireError(response.error);
    return response.value;
  }
}
