import type { Column, QueryResult, RelationRef, RelationType } from "@tsdbt/adapter-api";
import { isMissingObjectError } from "./snowflake-errors";
import { isSimpleIdentifier, quoteIdentifier, renderPart, storedName } from "./snowflake-identifiers";

/** Runs one statement and returns its rows. */
export type Query = (sql: string) => Promise<QueryResult>;

/** Rows per `show` page: Snowflake's cap for one `show … limit`. */
export const SHOW_PAGE = 10000;

/**
 * Runs `build(rendered…)` with the names rendered unquoted (so Snowflake matches them
 * case-insensitively, as dbt-snowflake's default quoting does) and, when Snowflake answers
 * that the object does not exist and some name has lower-case letters, once more with the
 * names quoted exactly (objects created with quoting on). Null when neither finds it.
 */
export async function withNameFallback<T>(names: string[], attempt: (rendered: string[]) => Promise<T>): Promise<T | null> {
  try {
    return await attempt(names.map((n) => renderPart(n, false)));
  } catch (error) {
    if (!isMissingObjectError(error)) throw error;
  }
  if (!names.some((n) => isSimpleIdentifier(n) && n !== n.toUpperCase())) return null;
  try {
    return await attempt(names.map(quoteIdentifier));
  } catch (error) {
    if (isMissingObjectError(error)) return null;
    throw error;
  }
}

/** dbt's relation type for a `kind` of `show objects`. */
export function relationTypeOf(kind: unknown): RelationType {
  const k = String(kind ?? "").toUpperCase();
  if (k === "VIEW") return "view";
  if (k === "MATERIALIZED_VIEW" || k === "MATERIALIZED VIEW") return "materialized_view";
  if (k === "EXTERNAL_TABLE" || k === "EXTERNAL TABLE") return "external";
  return "table";
}

/** A column of a row, whatever case the endpoint gives its names in. */
function field(row: Record<string, unknown>, name: string): unknown {
  if (name in row) return row[name];
  const upper = name.toUpperCase();
  return upper in row ? row[upper] : undefined;
}

/**
 * The tables and views of one schema (by the name Snowflake stores, see SchemaNames) through
 * `show terse objects in schema … limit 10000`, paging with `from '<last name>'` while a page
 * comes back full. Empty when the schema does not exist.
 */
export async function showObjects(query: Query, database: string, storedSchema: string): Promise<RelationRef[]> {
  const found = await withNameFallback([database], async ([db]) => {
    const sch = quoteIdentifier(storedSchema);
    const relations: RelationRef[] = [];
    let after: string | null = null;
    for (;;) {
      const from: string = after === null ? "" : ` from '${after.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
      const { rows } = await query(`show terse objects in schema ${db}.${sch} limit ${SHOW_PAGE}${from}`);
      for (const row of rows) {
        relations.push({
          database: String(field(row, "database_name")),
          schema: String(field(row, "schema_name")),
          identifier: String(field(row, "name")),
          type: relationTypeOf(field(row, "kind")),
        });
      }
      if (rows.length < SHOW_PAGE) return relations;
      after = String(field(rows[rows.length - 1]!, "name"));
    }
  });
  return (found ?? []).sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
}

/**
 * The columns of a table or view through `describe table`, in order; empty when it does not
 * exist. `prefix` is the rendered `database.schema`. With a known quote policy (`quoted`) the
 * identifier is described once, written as the policy says, as dbt-snowflake does: a missing
 * relation costs one statement. Without one (`null`) it is written quoted first, then unquoted
 * when that answer is "does not exist" or no columns at all (unless both name the same stored name).
 */
export async function describeColumns(query: Query, prefix: string, identifier: string, quoted: boolean | null): Promise<Column[]> {
  const ways = quoted === null ? [true, false] : [quoted];
  // quoted and unquoted may name the same stored name (an upper-case name): describe it once
  const attempts = [...new Map(ways.map((way) => [storedName(identifier, way), renderPart(identifier, way)])).values()];
  for (const rendered of attempts) {
    let rows: Record<string, unknown>[];
    try {
      rows = (await query(`describe table ${prefix}.${rendered}`)).rows;
    } catch (error) {
      if (isMissingObjectError(error)) continue;
      throw error;
    }
    const columns = rows
      .filter((row) => String(field(row, "kind") ?? "COLUMN").toUpperCase() === "COLUMN")
      .map((row, i) => {
        const comment = field(row, "comment");
        return {
          name: String(field(row, "name")),
          dataType: String(field(row, "type")),
          index: i + 1,
          comment: comment === null || comment === undefined || comment === "" ? null : String(comment),
          nullable: String(field(row, "null?") ?? "Y").toUpperCase() === "Y",
        };
      });
    if (columns.length > 0) return columns;
  }
  return [];
}

/** Schema names of a database through `show terse schemas in database …`. */
export async function showSchemas(query: Query, database: string): Promise<string[]> {
  const found = await withNameFallback([database], async ([db]) => (await query(`show terse schemas in database ${db}`)).rows.map((row) => String(field(row, "name"))));
  return found ?? [];
}
