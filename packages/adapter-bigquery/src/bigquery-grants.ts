import type { GrantMap, GrantsDialect } from "@tsdbt/adapter-api";
import { bigqueryQuote } from "./bigquery-quote";
import { bigqueryLiteral } from "./table-options";

/** A grantee (`user:…`, `group:…`, `serviceAccount:…`, `domain:…`) as a GoogleSQL string. */
const grantee = (name: string) => `"${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * BigQuery's grants, as dbt-bigquery manages them: privileges are IAM roles
 * (`roles/bigquery.dataViewer`), grantees carry their kind (`user:someone@example.com`), and one
 * `grant`/`revoke` names every grantee of a role. Current grants come from the
 * `OBJECT_PRIVILEGES` view of the dataset's region (`location`, else `us`), leaving out the
 * account tsdbt runs as. `create or replace` keeps a table's IAM policy, so a rebuilt relation's
 * grants are read and reconciled like an incremental one's.
 */
export function bigqueryGrants(location: string | null): GrantsDialect {
  const region = bigqueryQuote(`region-${(location ?? "us").toLowerCase()}`);
  return {
    showGrants: (target) =>
      [
        "select privilege_type, grantee",
        `from ${target.database ? `${bigqueryQuote(target.database)}.` : ""}${region}.INFORMATION_SCHEMA.OBJECT_PRIVILEGES`,
        `where object_schema = ${bigqueryLiteral(target.schema)}`,
        `  and object_name = ${bigqueryLiteral(target.identifier)}`,
        "  and split(grantee, ':')[safe_offset(1)] != session_user()",
      ].join("\n"),
    readGrants: (rows) => {
      const grants: GrantMap = {};
      for (const row of rows) (grants[String(row.privilege_type)] ??= []).push(String(row.grantee));
      return grants;
    },
    grant: (target, privilege, grantees) => [`grant ${bigqueryQuote(privilege)} on ${target.kind} ${target.relation} to ${grantees.map(grantee).join(", ")}`],
    revoke: (target, privilege, grantees) => [`revoke ${bigqueryQuote(privilege)} on ${target.kind} ${target.relation} from ${grantees.map(grantee).join(", ")}`],
    replaceKeepsGrants: () => true,
  };
}
