import { defineDialect, type SqlDialect } from "@tsdbt/adapter-api";

/**
 * DuckDB's SQL dialect: double-quoted identifiers, PostgreSQL-like syntax (which is what
 * node-sql-parser understands best for DuckDB), and DuckDB's own type names.
 */
export const duckdbDialect: SqlDialect = defineDialect({
  parserDialect: "postgresql",
  typeFor: (kind) =>
    ({ integer: "integer", float: "double", boolean: "boolean", date: "date", timestamp: "timestamp", text: "varchar" })[kind],
  currentTimestamp: () => "now()",
});
