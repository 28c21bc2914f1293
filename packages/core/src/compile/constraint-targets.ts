import type { ManifestNode } from "../manifest/types";
import { readReferenceCall } from "../parse/semantic/reference-call";

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Replaces each foreign key's `to: ref('orders')` / `to: source('shop', 'orders')` of a model (its
 * own constraints and its columns') with the relation it names, as dbt does when it compiles the
 * model: the DDL then references `"db"."schema"."orders"`. `relationOf` renders one call in the
 * model's context. Already compiled targets (no longer a call) are left as they are.
 */
export function compileConstraintTargets(node: ManifestNode, relationOf: (call: string) => string): void {
  const lists = [node.constraints ?? [], ...Object.values(node.columns ?? {}).map((c) => c.constraints ?? [])];
  for (const list of lists) {
    for (const c of list) {
      if (!isRecord(c) || c.type !== "foreign_key" || typeof c.to !== "string" || !readReferenceCall(c.to)) continue;
      c.to = relationOf(c.to);
    }
  }
}
