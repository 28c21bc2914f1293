import { mayChangeCatalog, type SyncTransaction, type WorkerAdapter } from "@tsdbt/adapter-api";
import { transactionWarehouse, type SyncWarehouse } from "@tsdbt/core";

/** A warehouse whose statements run on a transaction opened at the first one, and rolled back by `end()`. */
export interface LazyTransactionWarehouse extends SyncWarehouse {
  /** Rolls back what the statements did, if any were sent. */
  end(): void;
}

/**
 * The warehouse a node's templates see while `compile` or `show` renders it: the first statement
 * opens a transaction (`begin`) and every statement runs on it, so `end()` rolls back whatever
 * they did; a node that sends none costs no round trip. Catalog reads go to `base` (the adapter
 * worker's cache) until a statement may have changed the catalog, then to the transaction, which
 * sees its own uncommitted relations (or when the transaction holds the last free connection).
 */
export function lazyTransaction(base: SyncWarehouse, adapter: Pick<WorkerAdapter, "transactionSync" | "connectionsExhausted">): LazyTransactionWarehouse {
  let tx: SyncTransaction | null = null;
  let changedCatalog = false;
  const onTransaction = transactionWarehouse(base, { executeSync: (sql, options) => (tx ??= adapter.transactionSync()).executeSync(sql, options) });
  // with every connection taken by transactions (the target's threads), the open one must serve its reads too
  const catalog = () => (changedCatalog || (tx && adapter.connectionsExhausted()) ? onTransaction : base);
  return {
    type: base.type,
    executeSync(sql, options) {
      if (mayChangeCatalog(sql)) changedCatalog = true;
      return onTransaction.executeSync(sql, options);
    },
    getColumnsSync: (relation) => catalog().getColumnsSync(relation),
    listRelationsSync: (database, schema) => catalog().listRelationsSync(database, schema),
    end() {
      const open = tx;
      tx = null;
      changedCatalog = false;
      open?.endSync(false);
    },
  };
}
