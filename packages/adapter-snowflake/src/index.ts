/**
 * @packageDocumentation
 * The Snowflake adapter (snowflake-sdk). Profile keys follow dbt-snowflake: `account`, `user`,
 * `password`, `authenticator` (password, key pair with `private_key`/`private_key_path` and
 * `private_key_passphrase`, `oauth` + `token`, `externalbrowser`, `username_password_mfa`, Okta),
 * `role`, `warehouse`, `database`, `schema`, `threads`, `query_tag`, `client_session_keep_alive`,
 * `connect_retries`, `connect_timeout`, `retry_on_database_errors`, `retry_all`,
 * `reuse_connections`, `insecure_mode` and `host`/`port`/`protocol`. Besides `createAdapter`, it
 * exports `dialect` and `describeTarget` so core can name relations while compiling without connecting.
 */
import type { AdapterFactory } from "@tsdbt/adapter-api";

/**
 * Opens a Snowflake adapter for a profile target. snowflake-sdk is loaded on the first
 * statement, so reading the dialect or describing a target (parse, compile) never loads it.
 */
export const createAdapter: AdapterFactory = (target, context) =>
  (require("./snowflake-adapter") as typeof import("./snowflake-adapter")).createAdapter(target, context);
export { snowflakeDialect, snowflakeDialect as dialect } from "./snowflake-dialect";
export { describeTarget } from "./describe-target";
export { targetDefaults } from "./target-defaults";
export { SNOWFLAKE_CAPABILITIES } from "./snowflake-capabilities";
export { readSnowflakeProfile, type SnowflakeProfile, type SnowflakeAuth } from "./snowflake-profile";
export { SnowflakeErrorCode } from "./snowflake-errors";

/** Macros of this adapter (`snowflake__*` implementations of dispatched macros), read by core at parse. */
export const macrosDir = require("node:path").join(__dirname, "..", "include", "macros") as string;
