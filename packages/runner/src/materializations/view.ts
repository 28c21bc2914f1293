import type { Materialization } from "./build-context";
import { replaceRelation } from "./replace-relation";

/** `materialized: view`: creates the view under a temp name and swaps it in. */
export const viewMaterialization: Materialization = async (context) => {
  const sql = context.compile(false);
  await replaceRelation(context, "view", { sql });
  return { rowsAffected: null, message: "CREATE VIEW" };
};
