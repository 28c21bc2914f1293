/**
 * @packageDocumentation
 * The PostgreSQL adapter (node-postgres). Profile keys follow dbt-postgres: `host`, `port`,
 * `user`, `password`/`pass`, `dbname`/`database`, `schema`, `threads`, `connect_timeout`,
 * `sslmode` with `sslrootcert`/`sslcert`/`sslkey`, `search_path`, `role`, `keepalives_idle`,
 * `application_name`, `retries`. Besides `createAdapter`, it exports `dialect` and
 * `describeTarget` so core can name relations while compiling without connecting.
 */
import type { AdapterFactory } from "@tsdbt/adapter-api";

/**
 * Opens a PostgreSQL adapter for a profile target. node-postgres is loaded on the first call, so
 * reading the dialect or describing a target (parse, compile) never loads the driver.
 */
export const createAdapter: AdapterFactory = (target, context) =>
  (require("./postgres-adapter") as typeof import("./postgres-adapter")).createAdapter(target, context);
export type { PostgresAdapter, ServerInfo } from "./postgres-adapter";
export { postgresDialect, postgresDialect as dialect } from "./postgres-dialect";
export { describeTarget } from "./describe-target";
export { targetDefaults } from "./target-defaults";
export { postgresCapabilities, MERGE_MIN_VERSION } from "./postgres-capabilities";
export { readPostgresProfile, sslOptions, SSL_MODES, type PostgresProfile, type SslMode } from "./postgres-profile";
export { PostgresErrorCode } from "./postgres-errors";

/** Macros of this adapter (`postgres__*` implementations of dispatched macros), read by core at parse. */
export const macrosDir = require("node:path").join(__dirname, "..", "include", "macros") as string;
