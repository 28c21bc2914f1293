import { defineDialect, type SqlDialect } from "@tsdbt/adapter-api";
import { postgresDependentViews } from "./postgres-dependent-views";
import { postgresGrants } from "./postgres-grants";

/**
 * PostgreSQL's SQL dialect: double-quoted identifiers (case kept when quoted), `drop … cascade`,
 * standard-conforming string literals, unqualified `create schema`, and PostgreSQL's type names for seeds.
 * Identifiers hold 63 bytes (NAMEDATALEN - 1; longer ones are cut). Swaps recreate the views
 * that `drop … cascade` removes, under savepoints; deadlocks and serialization failures are transient.
 * The `grants` config is granted and revoked through `information_schema.role_table_grants`.
 */
export const postgresDialect: SqlDialect = defineDialect({
  parserDialect: "postgresql",
  typeFor: (kind) =>
    ({ integer: "integer", float: "double precision", boolean: "boolean", date: "date", timestamp: "timestamp", text: "text" })[kind],
  currentTimestamp: () => "now()",
  // A schema belongs to the connected database; PostgreSQL rejects a database-qualified name here.
  createSchema: (_database, schema) => `create schema if not exists "${schema.replace(/"/g, '""')}"`,
  maxIdentifierBytes: 63,
  dependentViews: postgresDependentViews,
  savepoints: {
    create: (name) => `savepoint "${name}"`,
    release: (name) => `release savepoint "${name}"`,
    rollbackTo: (name) => `rollback to savepoint "${name}"`,
  },
  transientErrorCodes: ["40P01", "40001"],
  // concurrent `create table`s whose row types' array names collide (names sharing 62 bytes)
  transientErrorMessages: { "23505": /unique constraint "pg_[a-z_]+_index"/ },
  grants: postgresGrants,
});
