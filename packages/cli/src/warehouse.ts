import { startAdapterWorker, type ProfileTarget, type WorkerAdapter, type WorkerTransaction } from "@tsdbt/adapter-api";
import { WarehouseNeededError, type ParsedProject, type SyncWarehouse } from "@tsdbt/core";

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
      // inside rollingBack, statements run on its transaction (catalog reads on other connections)
      let open: WorkerTransaction | null = null;
      return {
        type: a.type,
        executeSync: (sql, o) => (open ?? a).executeSync(sql, o),
        getColumnsSync: (r) => a.getColumnsSync(r),
        listRelationsSync: (d, s) => a.listRelationsSync(d, s),
        rollingBack: async <T>(fn: () => T): Promise<T> => {
          let result: { value: T } | undefined;
          await a
            .transaction(async (tx) => {
              open = tx;
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
        },
      };
    },
    isNeeded: (e) => e instanceof WarehouseNeededError || (e as { cause?: unknown })?.cause instanceof WarehouseNeededError,
    close: async () => {
      if (opening) await (await opening).close();
    },
  };
}
