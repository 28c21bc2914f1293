import type { Materialization } from "./build-context";
import { replaceRelation } from "./replace-relation";
import { contractEnforced } from "./contract";

/**
 * `materialized: table`: builds the table under a temp name and swaps it in. A contracted table
 * is created empty and filled by an insert, which the message reports.
 */
export const tableMaterialization: Materialization = async (context) => {
  const sql = context.compile(false);
  const rows = await replaceRelation(context, "table", { sql });
  return { rowsAffected: rows, message: rows === null ? "CREATE TABLE" : `${contractEnforced(context) ? "INSERT" : "SELECT"} ${rows}` };
};
