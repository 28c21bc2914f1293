import type { Materialization } from "./build-context";
import { replaceRelation } from "./replace-relation";

/** `materialized: table`: builds the table under a temp name and swaps it in. */
export const tableMaterialization: Materialization = async (context) => {
  const sql = context.compile(false);
  const rows = await replaceRelation(context, "table", { sql });
  return { rowsAffected: rows, message: rows === null ? "CREATE TABLE" : `SELECT ${rows}` };
};
