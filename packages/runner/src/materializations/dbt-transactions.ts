import type { SyncStatements } from "../types";

type Result = ReturnType<SyncStatements["executeSync"]>;

/** A macro's own `commit;` or `begin;` statement. */
const CONTROL = /^\s*(commit|begin)(?:\s+(?:transaction|work))?\s*;?\s*$/i;
/** A statement that only reads (a query may open with parentheses). */
const READ = /^[\s(]*(select|with|show|describe|explain)\b/i;
const NOTHING: Result = { columns: [], rows: [], rowsAffected: null };

/**
 * Statements of a Jinja materialization on one connection, with transactions opened and closed
 * as dbt opens and closes them: a statement opens a transaction when none is open (unless it
 * says `auto_begin=False`, as `run_hooks(…, inside_transaction=False)` and `drop_relation` do),
 * and `adapter.commit()` (or a `commit;` statement of the macro) commits it. So the work before
 * `adapter.commit()` is kept when a later step fails, and hooks outside the transaction run
 * outside it. As in dbt, what the macro did after its last commit is rolled back when it returns
 * ({@link DbtTransactions.finish}). `connection` must be the connection of an open
 * `adapter.transaction()`: that transaction is committed at once (nothing ran in it yet), and
 * {@link DbtTransactions.settle} leaves one open for the adapter's own commit or rollback to end.
 */
export class DbtTransactions implements SyncStatements {
  private open = false;
  /** Statements of the open transaction that change something (not plain reads). */
  private changes: string[] = [];

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
    if (control === "begin") return NOTHING;
    const result = this.connection.executeSync(sql, rest);
    if (this.open && !READ.test(sql)) this.changes.push(sql);
    return result;
  }

  commitSync(): void {
    if (!this.open) return;
    this.connection.executeSync("commit", { fetch: false });
    this.open = false;
    this.changes = [];
  }

  /**
   * The macro returned: rolls back the transaction it left open, as dbt does, and returns the
   * statements that changed something in it (empty: nothing of consequence was lost).
   */
  finish(): string[] {
    const lost = this.changes;
    if (this.open) {
      this.connection.executeSync("rollback", { fetch: false });
      this.open = false;
      this.changes = [];
    }
    this.settle();
    return lost;
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
