import type { Materialization } from "./build-context";
import { cannotBuild } from "./cannot-build";
import { runNodeHooks } from "./hooks";
import { persistedDescription } from "./persist-docs";
import { clearLeftovers } from "./relation-lookup";

/**
 * `materialized: materialized_view`, on engines whose dialect has `createMaterializedViewAs`
 * (BigQuery): `create or replace materialized view` with the model's config. A table or plain
 * view in the way is dropped first. Elsewhere the node fails with TSDBT-E401.
 */
export const materializedViewMaterialization: Materialization = async (context) => {
  const { adapter, relation, node } = context;
  const create = adapter.dialect.createMaterializedViewAs;
  if (!create) {
    throw cannotBuild(context, "", "Use `materialized: table` (or an incremental model) on this warehouse.");
  }
  const sql = context.compile(false);
  const existing = await clearLeftovers(adapter, relation);
  await runNodeHooks(context, adapter, "pre-hook", false);
  await runNodeHooks(context, adapter, "pre-hook", true);
  if (existing && existing.ref.type !== "materialized_view") {
    await adapter.execute(adapter.dialect.dropRelation(relation.render(), existing.kind), { fetch: false });
  }
  const description = persistedDescription(context);
  await adapter.execute(create(relation.render(), sql, { config: node.config, ...(description ? { description } : {}) }), { fetch: false, nodeId: node.unique_id });
  await runNodeHooks(context, adapter, "post-hook", true);
  await runNodeHooks(context, adapter, "post-hook", false);
  return { rowsAffected: null, message: "CREATE MATERIALIZED VIEW" };
};
