import type { AgateTable } from "./agate-table";

/** Reads the rows of a show-grants query as `{privilege: [grantee, …]}` (the adapter's `grants.readGrants`). */
export type GrantsReader = (rows: Record<string, unknown>[]) => Record<string, string[]>;

/** dbt's base reading: `privilege_type` and `grantee` columns, for adapters that have no reader of their own. */
const byDbtColumns: GrantsReader = (rows) => {
  const grants: Record<string, string[]> = {};
  for (const row of rows) (grants[String(row.privilege_type)] ??= []).push(String(row.grantee));
  return grants;
};

/**
 * `adapter.standardize_grants_dict(table)`: the rows of a `get_show_grant_sql` query as
 * `{privilege: [grantee, …]}`, read as the adapter's grants step reads them (Snowflake's `show
 * grants` leaves out ownership and grants held by shares), else by dbt's base column names.
 */
export function standardizeGrantsDict(table: AgateTable | null | undefined, read: GrantsReader = byDbtColumns): Record<string, string[]> {
  if (!table) return {};
  const names = [...table.column_names];
  return read(table.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]]))));
}
