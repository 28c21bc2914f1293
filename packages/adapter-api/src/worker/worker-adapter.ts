import * as fs from "node:fs";
import * as path from "node:path";
import type { Worker, MessagePort } from "node:worker_threads";
import type { Adapter, AdapterContext, ExecuteOptions, ProfileTarget, QueryResult } from "../adapter";
import type { Capabilities } from "../capabilities";
import type { Column } from "../column";
import type { SqlDialect } from "../dialect";
import type { RelationRef } from "../relation";
import { AdapterError, loadAdapter, type LoadAdapterOptions } from "../load-adapter";
import { SyncAdapterClient, type SyncChannel } from "./sync-client";
import { CatalogGeneration, columnsKey, relationsKey } from "./catalog-cache";
import {
  fromWireError,
  plainRelation,
  type WireError,
  type OpenRequest,
  type WorkerOperation,
  type WorkerReady,
  type WorkerResponse,
  type WorkerStartData,
} from "./protocol";
import { threads } from "./worker-threads";

/** A transaction over the bridge: its statements all run on the worker's one transaction connection. */
export interface WorkerTransaction extends Pick<Adapter, "execute"> {
  /** Runs a statement of this transaction, blocking the thread until it finishes. */
  executeSync(sql: string, options?: ExecuteOptions): QueryResult;
}

/** A transaction opened and ended synchronously, see {@link WorkerAdapter.transactionSync}. */
export interface SyncTransaction {
  /** Runs a statement of this transaction, blocking the thread until it finishes. */
  executeSync(sql: string, options?: ExecuteOptions): QueryResult;
  /** Commits (true) or rolls back (false), blocking until the transaction's connection is free. */
  endSync(commit: boolean): void;
}

/**
 * An adapter that lives in a worker thread. Its asynchronous methods may have many
 * statements in flight at once; the `…Sync` methods block the calling thread until the
 * worker answers, for Jinja's synchronous `run_query` and `adapter.get_columns_in_relation`.
 */
export interface WorkerAdapter extends Adapter {
  transaction<T>(fn: (tx: WorkerTransaction) => Promise<T>): Promise<T>;
  /**
   * Opens a transaction while blocking the thread (until a connection is free), for code that is
   * synchronous throughout, such as a template that sends its first statement. End it with
   * {@link SyncTransaction.endSync}.
   */
  transactionSync(): SyncTransaction;
  /** True while open transactions hold every connection: a blocking call outside them would be refused (TSDBT-E047). */
  connectionsExhausted(): boolean;
  executeSync(sql: string, options?: ExecuteOptions): QueryResult;
  getColumnsSync(relation: RelationRef): Column[];
  listRelationsSync(database: string | null, schema: string): RelationRef[];
  listSchemasSync(database: string | null): string[];
  /**
   * Opens another blocking line to the worker, for a different thread (pass it in the
   * thread's `workerData` with `port` in `transferList`, and wrap it in {@link SyncAdapterClient}).
   */
  openSyncChannel(): Promise<SyncChannel>;
  /** Closes the adapter in the worker and terminates the worker. */
  close(): Promise<void>;
}

/** How {@link startAdapterWorker} loads the adapter, and when it opens it. */
export interface StartWorkerOptions extends LoadAdapterOptions {
  /**
   * When given, the worker starts and creates the adapter (loading its driver) at once, but opens
   * it (connecting, or creating a database file) only once this resolves to true; false (or a
   * rejection) makes the worker end its thread once its driver has loaded, and the returned
   * promise rejects with TSDBT-E046.
   */
  openWhen?: Promise<boolean>;
}

/**
 * Starts a worker thread that opens the adapter for `target` (loaded by its `type`, as
 * {@link loadAdapter} does, with the same `options`) and resolves once it is open. The dialect is built on the calling
 * thread from the same package, since it is made of functions. Fails with the adapter's own
 * error (e.g. a profile error with its code) when the adapter cannot open.
 */
export async function startAdapterWorker(target: ProfileTarget, context: AdapterContext, options: StartWorkerOptions = {}): Promise<WorkerAdapter> {
  const { openWhen, ...loadOptions } = options;
  const local = loadAdapter(target.type, loadOptions)(target, context);
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new (threads().MessageChannel)();
  const catalogGeneration = new SharedArrayBuffer(4);
  const data: WorkerStartData = { target, context, loadOptions, syncChannel: { port: port2, signal }, catalogGeneration, deferOpen: openWhen !== undefined };
  const worker = new (threads().Worker)(workerEntryFile(), { workerData: data, transferList: [port2] });
  // An adapter not wanted after all has opened nothing yet: the worker is asked to end its own
  // thread. terminate() here could land inside the driver's native module loading, where a
  // node-addon-api driver (DuckDB's) aborts the whole process.
  let unwanted = false;
  const request = (open: boolean) => {
    unwanted = !open;
    worker.postMessage({ kind: "open", open } satisfies OpenRequest);
  };
  void openWhen?.then(request, () => request(false));
  const ready = await new Promise<WorkerReady>((resolve, reject) => {
    const onExit = (code: number) =>
      reject(unwanted ? new AdapterError("TSDBT-E046", "The adapter was closed before it opened.", "Open a new adapter to run statements.") : new Error(`The adapter worker exited with code ${code} before it was ready.`));
    worker.once("error", reject);
    worker.once("exit", onExit);
    worker.once("message", (message: WorkerReady | { kind: "failed"; error: WireError }) => {
      worker.off("error", reject);
      worker.off("exit", onExit);
      if (message.kind === "ready") resolve(message);
      else reject(fromWireError(message.error));
    });
  }).catch(async (error: unknown) => {
    port1.close();
    await worker.terminate();
    throw error;
  });
  const connections = typeof target.threads === "number" && target.threads > 0 ? target.threads : 1;
  return new WorkerAdapterProxy(worker, new SyncAdapterClient({ port: port1, signal }), ready, local.dialect, connections, new CatalogGeneration(catalogGeneration));
}

/** The compiled worker entry: beside this file in dist, or in the package's dist when running from src (tests). */
function workerEntryFile(): string {
  const candidates = [
    path.join(__dirname, "adapter-worker-entry.js"),
    path.join(__dirname, "..", "..", "dist", "worker", "adapter-worker-entry.js"),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new AdapterError("TSDBT-E045", "The adapter worker script is missing from @tsdbt/adapter-api.", "Build the package first: npx tsc --build packages/adapter-api.");
  }
  return found;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

class WorkerAdapterProxy implements WorkerAdapter {
  readonly type: string;
  readonly defaultDatabase: string | null;
  readonly defaultSchema: string;
  readonly capabilities: Capabilities;
  readonly loadCsv?: Adapter["loadCsv"];
  readonly dryRun?: Adapter["dryRun"];
  readonly copyTables?: Adapter["copyTables"];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private openTransactions = 0;
  private stopped: Error | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly sync: SyncAdapterClient,
    ready: WorkerReady,
    readonly dialect: SqlDialect,
    /** Connections the adapter may open (the target's threads). */
    private readonly connections: number,
    /** This thread's copies of catalog answers, valid until the worker's catalog cache changes. */
    private readonly seen: CatalogGeneration,
  ) {
    this.type = ready.type;
    this.defaultDatabase = ready.defaultDatabase;
    this.defaultSchema = ready.defaultSchema;
    this.capabilities = ready.capabilities;
    if (ready.capabilities.dryRun) this.dryRun = (sql) => this.call("dryRun", [sql]) as ReturnType<NonNullable<Adapter["dryRun"]>>;
    if (ready.capabilities.copyJobs) this.copyTables = (sources, destination, mode) => this.call("copyTables", [sources.map(plainRelation), plainRelation(destination), mode]) as Promise<void>;
    if (ready.canLoadCsv) this.loadCsv = (relation, file, columns, options) => this.call("loadCsv", [plainRelation(relation), file, columns, { ...options }]) as Promise<number>;
    worker.on("message", (response: WorkerResponse) => this.settle(response));
    worker.on("error", (error) => this.stop(new Error(`The adapter worker failed: ${error.message}`)));
    worker.on("exit", (code) => this.stop(new Error(`The adapter worker stopped (exit code ${code}).`)));
    worker.unref();
  }

  async open(): Promise<void> {
    if (this.stopped) throw this.stopped;
  }

  execute(sql: string, options?: ExecuteOptions): Promise<QueryResult> {
    return this.call("execute", [sql, options]) as Promise<QueryResult>;
  }

  executeSync(sql: string, options?: ExecuteOptions): QueryResult {
    return this.unblocked().sync.executeSync(sql, options);
  }

  listRelations(database: string | null, schema: string): Promise<RelationRef[]> {
    return this.call("listRelations", [database, schema]) as Promise<RelationRef[]>;
  }

  findRelations(database: string | null, schema: string, identifiers: string[]): Promise<RelationRef[]> {
    return this.call("findRelations", [database, schema, identifiers]) as Promise<RelationRef[]>;
  }

  listRelationsSync(database: string | null, schema: string): RelationRef[] {
    return this.seen.read(relationsKey(database, schema), () => this.unblocked().sync.listRelationsSync(database, schema));
  }

  getColumns(relation: RelationRef): Promise<Column[]> {
    return this.call("getColumns", [plainRelation(relation)]) as Promise<Column[]>;
  }

  getColumnsSync(relation: RelationRef): Column[] {
    return this.seen.read(columnsKey(relation), () => this.unblocked().sync.getColumnsSync(relation));
  }

  listSchemas(database: string | null): Promise<string[]> {
    return this.call("listSchemas", [database]) as Promise<string[]>;
  }

  listSchemasSync(database: string | null): string[] {
    return this.unblocked().sync.listSchemasSync(database);
  }

  async transaction<T>(fn: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
    this.openTransactions++;
    try {
      return await this.runTransaction(fn);
    } finally {
      this.openTransactions--;
    }
  }

  private async runTransaction<T>(fn: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
    const transactionId = (await this.call("begin", [])) as number;
    const tx: WorkerTransaction = {
      execute: (sql, options) => this.call("execute", [sql, options], transactionId) as Promise<QueryResult>,
      executeSync: (sql, options) => this.sync.executeSync(sql, options, transactionId),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      await this.call("end", [false], transactionId).catch(() => undefined);
      throw error;
    }
    await this.call("end", [true], transactionId);
    return result;
  }

  transactionSync(): SyncTransaction {
    const transactionId = this.unblocked().sync.beginSync();
    this.openTransactions++;
    let open = true;
    return {
      executeSync: (sql, options) => this.sync.executeSync(sql, options, transactionId),
      endSync: (commit) => {
        if (!open) return;
        open = false;
        this.openTransactions--;
        this.sync.endSync(transactionId, commit);
      },
    };
  }

  connectionsExhausted(): boolean {
    return this.openTransactions >= this.connections;
  }

  async openSyncChannel(): Promise<SyncChannel> {
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new (threads().MessageChannel)();
    await this.call("attach", [{ port: port2, signal }], undefined, [port2]);
    return { port: port1, signal };
  }

  async cancel(): Promise<void> {
    await this.call("cancel", []);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.call("close", []);
    } finally {
      this.stop(new AdapterError("TSDBT-E046", "The adapter was closed.", "Open a new adapter to run more statements."));
      await this.worker.terminate();
    }
  }

  /**
   * A transaction's body runs on this thread, so while this thread blocks, a transaction
   * cannot finish and frees no connection. When transactions hold every connection, a blocking
   * call outside them would wait forever: fail instead.
   */
  private unblocked(): this {
    if (this.connectionsExhausted()) {
      throw new AdapterError(
        "TSDBT-E047",
        `A synchronous warehouse call was made outside the open transaction while transactions hold all ${this.connections} connection(s); it would wait forever.`,
        "Run the statement on the transaction (tx.executeSync), or raise the target's threads.",
      );
    }
    return this;
  }

  private call(op: WorkerOperation, args: unknown[], transactionId?: number, transfer: MessagePort[] = []): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.nextId;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args, transactionId }, transfer);
    });
  }

  private settle(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker.unref();
    if (response.ok) pending.resolve(response.value);
    else pending.reject(fromWireError(response.error));
  }

  private stop(reason: Error): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.sync.close(reason);
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
  }
}
