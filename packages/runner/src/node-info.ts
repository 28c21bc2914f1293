import type { ManifestNode } from "@tsdbt/core";
import { relationFor, type ExecutionEnvironment } from "./execute-node";
import type { NodeInfo, NodeResult } from "./types";

/** The `node_info` of a node event; `result` null means the node just started. */
export function nodeInfo(node: ManifestNode, environment: ExecutionEnvironment, result: NodeResult | null): NodeInfo {
  const execute = result?.timing.find((t) => t.name === "execute");
  const compile = result?.timing.find((t) => t.name === "compile");
  let relation: NodeInfo["node_relation"] = null;
  try {
    const rel = relationFor(node, environment);
    if (rel) relation = { database: rel.database, schema: rel.schema, alias: rel.identifier, relation_name: rel.render() };
  } catch {
    relation = null;
  }
  return {
    unique_id: node.unique_id,
    node_status: result ? result.status : "started",
    node_started_at: result ? (compile ?? execute)?.started_at ?? null : new Date().toISOString(),
    node_finished_at: execute?.completed_at ?? null,
    materialized: String(node.config.materialized ?? ""),
    resource_type: node.resource_type,
    node_name: node.name,
    node_path: node.path,
    node_relation: relation,
  };
}
