import type { SyncStatements } from "../types";

type Result = ReturnType<SyncStatements["executeSync"]>;

/** A macro's own `commit;` or `begin;` statement. */
const CONTROL = /^\s*(commit|begin)(?:\s+(?:transaction|work))?\s*;?\s*$/i;
const NOTHING: Result = { columns: [], rows: [], rowsAffected: null };

/**
 * Statements of a Jinja materialization on one connection, with transactions opened and closed
 * as dbt opens and closes them: a statement opens a transaction when none is open (unless it
 * says `auto_begin=False`, as `run_hooks(…, inside_transaction=False)` and `drop_relation` do),
 * and `adapter.commit()` (or a `commit;` statement of the macro) commits it. So the work before
 * `adapter.commit()` is kept when a later step fails, and hooks outside the transaction run
 * outside it. `connection` must be the connection of an open `adapter.transaction()`: that
 * transaction is committed at once (nothing ran in it yet), and {@link DbtTransactions.settle}
 * leaves one open for the adapter's own commit or rollback to end.
 */
export class DbtTransactions implements SyncStatements {
  private open = false;

  constructor(private readonly connection: SyncStatements) {
    connection.executeSync("commit", { fetch: false });
  }

  executeSync(sql: string, options?: Parameters<SyncStatements["executeSync"]>[1]): Result {
    const { autoBegin, ...rest } = options ?? {};
    const control = CONTROL.exec(sql)?.[1]?.toLowerCase();
    if (control === "commit") {
      this.commitSync();
      return NOTHING;
    }
    if (control === "begin" || autoBegin !== false) this.begin();
    return control === "begin" ? NOTHING : this.connection.executeSync(sql, rest);
  }

  commitSync(): void {
    if (!this.open) return;
    this.connection.executeSync("commit", { fetch: false });
    this.open = false;
  }

  /** Reopens a transaction when none is open, for the adapter's own commit or rollback to end. */
  settle(): void {
    this.begin();
  }

  private begin(): void {
    if (this.open) return;
    this.connection.executeSync("begin", { fetch: false });
    this.open = true;
  }
}
