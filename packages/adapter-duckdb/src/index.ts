/**
 * @packageDocumentation
 * The embedded DuckDB adapter, tsdbt's default warehouse. Profile keys follow dbt-duckdb:
 * `path`, `schema`, `database`, `threads`, `extensions`, `settings`, `attach`.
 */
export { createAdapter } from "./duckdb-adapter";
export { duckdbDialect } from "./duckdb-dialect";
export { DUCKDB_CAPABILITIES } from "./duckdb-capabilities";
export { readDuckDbProfile, type DuckDbProfile, type DuckDbAttachment } from "./duckdb-profile";
export { toPlainValue, type PlainValue } from "./duckdb-values";
