import type { Adapter } from "@tsdbt/adapter-api";
import type { ManifestNode } from "@tsdbt/core";
import { responseOf } from "../results/adapter-response";
import { decideVerdict, testVerdictQuery, thresholdsOf, type TestVerdict } from "./test-verdict";

/**
 * Runs a data test whose compiled SQL selects failing rows: counts them (with `fail_calc`,
 * `limit`) and compares the count against `warn_if` / `error_if` in the warehouse.
 */
export async function runDataTest(adapter: Adapter, node: ManifestNode, compiledSql: string): Promise<TestVerdict> {
  const thresholds = thresholdsOf(node);
  const result = await adapter.execute(testVerdictQuery(compiledSql, thresholds, adapter.dialect), { nodeId: node.unique_id });
  const verdict = decideVerdict(result.rows[0], thresholds);
  return result.status === undefined ? verdict : { ...verdict, response: responseOf(result.status, result.rowsAffected ?? null) };
}
