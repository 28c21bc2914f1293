import type { Column, QueryResult, RelationRef } from "@tsdbt/adapter-api";

/**
 * Synchronous warehouse access for templates (`run_query`, `statement`, introspection).
 * Backed by the adapter worker bridge; absent while parsing or compiling offline.
 */
export interface SyncWarehouse {
  type: string;
  /**
   * Runs one statement. `autoBegin` is dbt's `auto_begin`: where the warehouse manages
   * transactions as dbt does (a Jinja materialization on a transactional engine), a statement
   * opens a transaction when none is open unless it is false; elsewhere it is ignored.
   */
  executeSync(sql: string, options?: { fetch?: boolean; limit?: number; autoBegin?: boolean }): QueryResult;
  /** `adapter.commit()`: commits the open transaction, where the warehouse manages them; absent elsewhere (a no-op). */
  commitSync?(): void;
  getColumnsSync(relation: RelationRef): Column[];
  listRelationsSync(database: string | null, schema: string): RelationRef[];
  /**
   * Runs `fn` (one node's compile) with the statements this warehouse runs meanwhile in one
   * transaction, rolled back when `fn` returns or throws: dbt's `compile` leaves nothing of what
   * templates sent (`run_query('create table …')`). Absent: statements commit as they run.
   */
  rollingBack?<T>(fn: () => T): Promise<T>;
}

export { agateTable, type AgateTable, type AgateColumn } from "./runtime/agate-table";
