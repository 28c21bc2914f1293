import type { Capabilities } from "@tsdbt/adapter-api";

/** The first `server_version_num` with `MERGE INTO` (PostgreSQL 15). */
export const MERGE_MIN_VERSION = 150000;

/**
 * What a PostgreSQL server can do: DDL inside transactions, `ALTER … RENAME TO`, `COMMENT ON`,
 * concurrent statements on separate connections, `GRANT`/`REVOKE`; `MERGE` from version 15 on (older servers get
 * delete+insert from the runner). PostgreSQL has no `CREATE OR REPLACE TABLE`, and a connection
 * addresses only its own database. `CREATE OR REPLACE VIEW` works when the columns keep their names and types. `serverVersion` null (not connected yet) assumes no MERGE.
 * An incremental model without a strategy uses delete+insert (append without a unique_key), as dbt-postgres.
 */
export function postgresCapabilities(serverVersion: number | null): Capabilities {
  return {
    transactionalDdl: true,
    merge: serverVersion !== null && serverVersion >= MERGE_MIN_VERSION,
    createOrReplace: false,
    replaceViewKeepingColumns: true,
    defaultIncrementalStrategy: { withUniqueKey: "delete+insert", withoutUniqueKey: "append" },
    renameRelation: true,
    comments: true,
    concurrentStatements: true,
    crossDatabase: false,
    grants: true,
    // dbt-postgres merges each batch on the unique_key (and requires one); its batches run one at a time
    microbatch: "merge",
  };
}
