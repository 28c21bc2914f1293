import type { PartitionCopyPlan, Relation, RelationRef } from "@tsdbt/adapter-api";
import type { BuildContext, SqlExecutor } from "./build-context";

/**
 * The copy jobs that replace an incremental model's partitions instead of statements
 * (`dialect.partitionCopies`, BigQuery's `copy_partitions`), when the engine has copy jobs
 * (`capabilities.copyJobs`); null otherwise: the strategy's statements run.
 */
export function partitionCopyPlanOf(context: BuildContext, strategy: string): PartitionCopyPlan | null {
  const { adapter, node } = context;
  if (!adapter.capabilities.copyJobs || !adapter.copyTables || !adapter.dialect.partitionCopies) return null;
  return adapter.dialect.partitionCopies(strategy, node.config);
}

function partitionOf(relation: Relation, plan: PartitionCopyPlan, partitionId: string): RelationRef {
  return { database: relation.database, schema: relation.schema, identifier: plan.partitionIdentifier(relation.identifier, partitionId), type: "table" };
}

/**
 * Replaces each partition of `target` that `working` has rows in with that partition of
 * `working`, one copy job per partition (each swap is atomic; together they are not). The
 * partitions are read with the plan's query on `executor`. Returns how many were copied.
 */
export async function copyPartitions(context: BuildContext, executor: SqlExecutor, plan: PartitionCopyPlan, working: Relation): Promise<number> {
  const { adapter, relation, node } = context;
  const result = await executor.execute(plan.partitionsQuery(working.render()), { nodeId: node.unique_id });
  const ids = result.rows.map((row) => String(Object.values(row)[0]));
  for (const id of ids) {
    await adapter.copyTables!([partitionOf(working, plan, id)], partitionOf(relation, plan, id), "replace");
  }
  return ids.length;
}
