import { startAdapterWorker, type ProfileTarget, type WorkerAdapter } from "@tsdbt/adapter-api";
import { transactionWarehouse, WarehouseNeededError, type ParsedProject, type SyncWarehouse } from "@tsdbt/core";

/** Thrown out of a transaction to roll it back (see SyncWarehouse.rollingBack). */
const ROLLED_BACK = Symbol("rolled back");

/** A warehouse connection opened on first use, shared by a command's steps. */
export interface LazyWarehouse {
  /** Opens (once) the adapter in its worker thread and returns it. */
  adapter(): Promise<WorkerAdapter>;
  /** The same, seen as the synchronous warehouse templates use. */
  connect(): Promise<SyncWarehouse>;
  /** True when an error means a template needed the warehouse. */
  isNeeded(e: unknown): boolean;
  close(): Promise<void>;
}

/**
 * The project's target as a lazily opened adapter worker: the adapter runs in a worker thread
 * so templates can query it synchronously while the runner drives it asynchronously.
 */
export function openWarehouse(parsed: ParsedProject, threads?: number): LazyWarehouse {
  let opening: Promise<WorkerAdapter> | undefined;
  const adapter = () => {
    const target = { ...parsed.profile.target, threads: threads ?? parsed.profile.threads } as ProfileTarget;
    opening ??= startAdapterWorker(target, { projectDir: parsed.projectDir, targetPath: parsed.targetPath }).then(async (a) => {
      await a.open();
      return a;
    });
    return opening;
  };
  return {
    adapter,
    connect: async () => {
      const a = await adapter();
      const base: SyncWarehouse = { type: a.type, executeSync: (sql, o) => a.executeSync(sql, o), getColumnsSync: (r) => a.getColumnsSync(r), listRelationsSync: (d, s) => a.listRelationsSync(d, s) };
      // inside rollingBack, statements and catalog reads run on its transaction (they see what it changed)
      let open: SyncWarehouse | null = null;
      const rollingBack = async <T>(fn: () => T): Promise<T> => {
        let result: { value: T } | undefined;
        await a
          .transaction(async (tx) => {
            open = transactionWarehouse(base, { executeSync: (sql, o) => tx.executeSync(sql, o) });
            try {
              result = { value: fn() };
            } finally {
              open = null;
            }
            throw ROLLED_BACK;
          })
          .catch((e: unknown) => {
            if (e !== ROLLED_BACK) throw e;
          });
        return result!.value;
      };
      return {
        type: a.type,
        executeSync: (sql, o) => (open ?? base).executeSync(sql, o),
        getColumnsSync: (r) => (open ?? base).getColumnsSync(r),
        listRelationsSync: (d, s) => (open ?? base).listRelationsSync(d, s),
        // where DDL cannot be rolled back, there is nothing to gain from a transaction
        ...(a.capabilities.transactionalDdl ? { rollingBack } : {}),
      };
    },
    isNeeded: (e) => e instanceof WarehouseNeededError || (e as { cause?: unknown })?.cause instanceof WarehouseNeededError,
    close: async () => {
      if (opening) await (await opening).close();
    },
  };
}
