import type { Column, QueryResult, RelationRef } from "@tsdbt/adapter-api";

/**
 * Synchronous warehouse access for templates (`run_query`, `statement`, introspection).
 * Backed by the adapter worker bridge; absent while parsing or compiling offline.
 */
export interface SyncWarehouse {
  type: string;
  executeSync(sql: string, options?: { fetch?: boolean; limit?: number }): QueryResult;
  getColumnsSync(relation: RelationRef): Column[];
  listRelationsSync(database: string | null, schema: string): RelationRef[];
}

export { agateTable, type AgateTable, type AgateColumn } from "./runtime/agate-table";
