import type { AgateTable } from "./agate-table";

/**
 * `adapter.standardize_grants_dict(table)`: the rows of a `get_show_grant_sql` query as
 * `{privilege: [grantee, …]}`, in row order. Rows are read by dbt's column names: `privilege_type`
 * and `grantee` (PostgreSQL and most engines), or Snowflake's `show grants` shape (`privilege`,
 * `grantee_name`, `granted_to`), where ownership and grants to shares or database roles are left out.
 */
export function standardizeGrantsDict(table: AgateTable | null | undefined): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  if (!table) return grants;
  const names = [...table.column_names].map((n) => n.toLowerCase());
  const at = (row: unknown[], name: string): unknown => (names.includes(name) ? row[names.indexOf(name)] : undefined);
  const snowflakeShaped = names.includes("grantee_name");
  for (const row of table.rows) {
    const privilege = String(at(row, snowflakeShaped ? "privilege" : "privilege_type") ?? "");
    const grantee = String(at(row, snowflakeShaped ? "grantee_name" : "grantee") ?? "");
    if (snowflakeShaped && (privilege === "OWNERSHIP" || ["SHARE", "DATABASE_ROLE"].includes(String(at(row, "granted_to"))))) continue;
    (grants[privilege] ??= []).push(grantee);
  }
  return grants;
}
