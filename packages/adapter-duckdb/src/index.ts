/**
 * @packageDocumentation
 * The embedded DuckDB adapter, tsdbt's default warehouse. Profile keys follow dbt-duckdb:
 * `path`, `schema`, `database`, `threads`, `extensions`, `settings`, `attach`. Besides
 * `createAdapter`, it exports `dialect` and `describeTarget` so core can name relations
 * while compiling without opening the database.
 */
export { createAdapter } from "./duckdb-adapter";
export { duckdbDialect, duckdbDialect as dialect } from "./duckdb-dialect";
export { describeTarget } from "./describe-target";
export { DUCKDB_CAPABILITIES } from "./duckdb-capabilities";
export { readDuckDbProfile, type DuckDbProfile, type DuckDbAttachment } from "./duckdb-profile";
export { toPlainValue, type PlainValue } from "./duckdb-values";
