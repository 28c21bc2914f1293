import type { Column, RelationRef } from "@tsdbt/adapter-api";
import type { SyncWarehouse } from "../warehouse";

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The warehouse a template sees inside an open transaction: statements run on the transaction,
 * and so do `adapter.get_relation` / `adapter.get_columns_in_relation` (read from the standard
 * information_schema on the transaction's connection), so a Jinja materialization sees the
 * relations it created before commit and never waits for a second connection while holding one.
 */
export function transactionWarehouse(base: SyncWarehouse, statements: Pick<SyncWarehouse, "executeSync" | "commitSync">): SyncWarehouse {
  const run = (sql: string) => statements.executeSync(sql, { fetch: true }).rows;
  return {
    type: base.type,
    executeSync: statements.executeSync,
    commitSync: statements.commitSync,
    listRelationsSync(database: string | null, schema: string): RelationRef[] {
      const where = [`lower(table_schema) = lower(${literal(schema)})`, ...(database ? [`lower(table_catalog) = lower(${literal(database)})`] : [])];
      return run(`select table_name, table_type from information_schema.tables where ${where.join(" and ")}`).map((r) => ({
        database,
        schema,
        identifier: String(r.table_name),
        type: String(r.table_type).toUpperCase() === "VIEW" ? "view" : "table",
      }));
    },
    getColumnsSync(relation: RelationRef): Column[] {
      // a temp relation has no schema: the session's own temp tables are the ones visible by that name
      const where = [`lower(table_name) = lower(${literal(relation.identifier)})`];
      if (relation.schema) where.push(`lower(table_schema) = lower(${literal(relation.schema)})`);
      if (relation.database) where.push(`lower(table_catalog) = lower(${literal(relation.database)})`);
      return run(`select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale from information_schema.columns where ${where.join(" and ")} order by ordinal_position`).map((r) => ({
        name: String(r.column_name),
        dataType: sizedType(r),
      }));
    },
  };
}

const CHARACTER_TYPES = new Set(["character varying", "character", "varchar", "char", "bpchar"]);
const NUMERIC_TYPES = new Set(["numeric", "decimal"]);

/** A column's type with its size, as the warehouse's own type formatting writes it (`character varying(5)`, `numeric(10,2)`). */
function sizedType(row: Record<string, unknown>): string {
  const type = String(row.data_type);
  const known = (v: unknown) => v !== null && v !== undefined;
  if (type.includes("(")) return type;
  if (CHARACTER_TYPES.has(type.toLowerCase()) && known(row.character_maximum_length)) return `${type}(${Number(row.character_maximum_length)})`;
  if (NUMERIC_TYPES.has(type.toLowerCase()) && known(row.numeric_precision)) return `${type}(${Number(row.numeric_precision)},${Number(row.numeric_scale ?? 0)})`;
  return type;
}
