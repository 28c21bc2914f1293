import type { GrantMap, GrantsDialect } from "@tsdbt/adapter-api";

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** A role as the catalog names it: quoted, except the keyword PUBLIC. */
const role = (name: string) => (name.toUpperCase() === "PUBLIC" ? "public" : `"${name.replace(/"/g, '""')}"`);

/**
 * PostgreSQL's grants, as dbt-postgres manages them: the grants the current role gave to other
 * roles come from `information_schema.role_table_grants`; one `grant`/`revoke` per privilege
 * names every grantee. A table rebuilt under a temp name and renamed into place starts with no
 * grants, so it is only granted to; `create or replace view` (how tsdbt replaces a view whose
 * columns stay the same) keeps the view's grants, so those are read and reconciled.
 */
export const postgresGrants: GrantsDialect = {
  showGrants: (target) =>
    [
      "select grantee, privilege_type",
      `from ${target.database ? `"${target.database.replace(/"/g, '""')}".` : ""}information_schema.role_table_grants`,
      "where grantor = current_role",
      "  and grantee != current_role",
      `  and table_schema = ${literal(target.schema)}`,
      `  and table_name = ${literal(target.identifier)}`,
    ].join("\n"),
  readGrants: (rows) => {
    const grants: GrantMap = {};
    for (const row of rows) (grants[String(row.privilege_type)] ??= []).push(String(row.grantee));
    return grants;
  },
  grant: (target, privilege, grantees) => [`grant ${privilege} on ${target.relation} to ${grantees.join(", ")}`],
  revoke: (target, privilege, grantees) => [`revoke ${privilege} on ${target.relation} from ${grantees.map(role).join(", ")}`],
  replaceKeepsGrants: () => true,
};
