import { startAdapterWorker, type AdapterContext, type ProfileTarget, type WorkerAdapter } from "@tsdbt/adapter-api";
import { lazyTransaction } from "./lazy-transaction";
import { WarehouseNeededError, type ParsedProject, type SyncWarehouse } from "@tsdbt/core";
import type { EarlyWarehouse } from "./early-warehouse";

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
 * so templates can query it synchronously while the runner drives it asynchronously. With `early`,
 * the worker it started during the parse is used, if it was started for the same target.
 */
export function openWarehouse(parsed: ParsedProject, threads?: number, early?: EarlyWarehouse): LazyWarehouse {
  let opening: Promise<WorkerAdapter> | undefined;
  const adapter = () => {
    const target = { ...parsed.profile.target, threads: threads ?? parsed.profile.threads } as ProfileTarget;
    const context = { projectDir: parsed.projectDir, targetPath: parsed.targetPath };
    opening ??= early?.take(target, context) ?? startOpen(target, context);
    return opening;
  };
  return {
    adapter,
    connect: async () => {
      const a = await adapter();
      const base: SyncWarehouse = { type: a.type, executeSync: (sql, o) => a.executeSync(sql, o), getColumnsSync: (r) => a.getColumnsSync(r), listRelationsSync: (d, s) => a.listRelationsSync(d, s) };
      // inside rollingBack, what templates send runs on one transaction, rolled back at the end
      let open: SyncWarehouse | null = null;
      const rollingBack = async <T>(fn: () => T): Promise<T> => {
        const inside = lazyTransaction(base, a);
        open = inside;
        let failed = false;
        try {
          return fn();
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          open = null;
          try {
            inside.end();
          } catch (error) {
            // after a template's error, that error is the one to report (a broken connection is rolled back by the server)
            if (!failed) throw error;
          }
        }
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

/** Starts the adapter worker and opens the adapter (once `openWhen`, if given, resolves to true). */
export function startOpen(target: ProfileTarget, context: AdapterContext, openWhen?: Promise<boolean>): Promise<WorkerAdapter> {
  return startAdapterWorker(target, context, { openWhen }).then(async (a) => {
    await a.open();
    return a;
  });
}
