/**
 * @packageDocumentation
 * The embedded DuckDB adapter, tsdbt's default warehouse. Profile keys follow dbt-duckdb:
 * `path`, `schema`, `database`, `threads`, `extensions`, `settings`, `attach`. Besides
 * `createAdapter`, it exports `dialect` and `describeTarget` so core can name relations
 * while compiling without opening the database.
 */
import type { AdapterFactory } from "@tsdbt/adapter-api";

/**
 * Opens a DuckDB adapter for a profile target. The native driver is loaded on the first call,
 * so reading the dialect or describing a target (parse, compile) never loads it.
 */
export const createAdapter: AdapterFactory = (target, context) =>
  (require("./duckdb-adapter") as typeof import("./duckdb-adapter")).createAdapter(target, context);
export { duckdbDialect, duckdbDialect as dialect } from "./duckdb-dialect";
export { describeTarget } from "./describe-target";
export { DUCKDB_CAPABILITIES } from "./duckdb-capabilities";
export { readDuckDbProfile, type DuckDbProfile, type DuckDbAttachment } from "./duckdb-profile";

/** Macros of this adapter (`duckdb__*` implementations of dispatched macros), read by core at parse. */
export const macrosDir = require("node:path").join(__dirname, "..", "include", "macros") as string;
