import { defineDialect, type SqlDialect } from "@tsdbt/adapter-api";

/**
 * PostgreSQL's SQL dialect: double-quoted identifiers (case kept when quoted), `drop … cascade`,
 * standard-conforming string literals, unqualified `create schema`, and PostgreSQL's type names for seeds.
 */
export const postgresDialect: SqlDialect = defineDialect({
  parserDialect: "postgresql",
  typeFor: (kind) =>
    ({ integer: "integer", float: "double precision", boolean: "boolean", date: "date", timestamp: "timestamp", text: "text" })[kind],
  currentTimestamp: () => "now()",
  // A schema belongs to the connected database; PostgreSQL rejects a database-qualified name here.
  createSchema: (_database, schema) => `create schema if not exists "${schema.replace(/"/g, '""')}"`,
});
