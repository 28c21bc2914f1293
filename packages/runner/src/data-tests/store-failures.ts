import { Relation } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import type { ExecutionEnvironment } from "../execute-node";
import { runDataTest } from "./run-data-test";
import type { TestVerdict } from "./test-verdict";

/**
 * How a data test keeps its failing rows, as dbt decides it: the test's `store_failures_as`
 * (table or view; ephemeral stores nothing), else a table when `store_failures` is true or
 * `--store-failures` is given (a test's `store_failures: false` wins over the flag). Null: not stored.
 */
export function storesFailures(node: ManifestNode, environment: Pick<ExecutionEnvironment, "storeFailures">): "table" | "view" | null {
  const as = node.config.store_failures_as;
  if (as === "ephemeral") return null;
  if (as === "table" || as === "view") return as;
  const own = node.config.store_failures;
  if (own === false) return null;
  return own === true || environment.storeFailures ? "table" : null;
}

/**
 * Runs a data test that keeps its failing rows: the test's query becomes a table (or view) named
 * after the test in its audit schema (`<schema>_dbt_test__audit` unless configured), replacing the
 * last run's, and the verdict is computed from it.
 */
export async function runStoredDataTest(environment: ExecutionEnvironment, node: ManifestNode, compiledSql: string, as: "table" | "view"): Promise<TestVerdict & { relationName: string }> {
  const { adapter } = environment;
  const relation = new Relation(environment.compiler.relationOf(node.unique_id), adapter.dialect.quote);
  await environment.ensureSchema(relation);
  const name = relation.render();
  const existing = (await adapter.listRelations(relation.database, relation.schema)).find((r) => r.identifier.toLowerCase() === relation.identifier.toLowerCase());
  if (existing) await adapter.execute(adapter.dialect.dropRelation(name, existing.type === "view" ? "view" : "table"), { fetch: false, nodeId: node.unique_id });
  const create = as === "view" ? adapter.dialect.createViewAs(name, compiledSql) : adapter.dialect.createTableAs(name, compiledSql);
  await adapter.execute(create, { fetch: false, nodeId: node.unique_id });
  return { ...(await runDataTest(adapter, node, `select * from ${name}`)), relationName: name };
}
