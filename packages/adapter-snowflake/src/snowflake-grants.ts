import type { GrantMap, GrantsDialect } from "@tsdbt/adapter-api";
import { truthy } from "./config-values";
import { quoteIdentifier } from "./snowflake-identifiers";

/** Grants a build never revokes: the owner's, and those held by shares and database roles. */
const KEPT_GRANTEE_KINDS = new Set(["SHARE", "DATABASE_ROLE"]);

/** A column of a `show grants` row, whatever case the driver gives its name. */
function field(row: Record<string, unknown>, name: string): string {
  const key = Object.keys(row).find((k) => k.toLowerCase() === name);
  return key === undefined ? "" : String(row[key] ?? "");
}

/**
 * Snowflake's grants, as dbt-snowflake manages them: `show grants on <kind> <relation>` reads
 * them, and each grantee gets its own `grant`/`revoke` statement (Snowflake names one grantee per
 * statement). Grantees are written as the config writes them (`reporter`, `role reporter`,
 * `database role db.r`); revoked ones as Snowflake reported them. `create or replace` drops the
 * grants of the relation it replaces unless the model sets `copy_grants: true`, which keeps them:
 * only then are they read and reconciled after a rebuild.
 */
export const snowflakeGrants: GrantsDialect = {
  showGrants: (target) => `show grants on ${target.kind} ${target.relation}`,
  readGrants: (rows) => {
    const grants: GrantMap = {};
    for (const row of rows) {
      const privilege = field(row, "privilege");
      if (privilege.toUpperCase() === "OWNERSHIP" || KEPT_GRANTEE_KINDS.has(field(row, "granted_to").toUpperCase())) continue;
      (grants[privilege] ??= []).push(field(row, "grantee_name"));
    }
    return grants;
  },
  grant: (target, privilege, grantees) => grantees.map((grantee) => `grant ${privilege} on ${target.kind} ${target.relation} to ${grantee}`),
  revoke: (target, privilege, grantees) => grantees.map((grantee) => `revoke ${privilege} on ${target.kind} ${target.relation} from role ${quoteIdentifier(grantee)}`),
  replaceKeepsGrants: (config) => truthy(config.copy_grants, false),
};
