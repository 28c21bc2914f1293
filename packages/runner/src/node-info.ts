import type { ManifestNode } from "@tsdbt/core";
import { relationFor, type ExecutionEnvironment } from "./execute-node";
import type { NodeInfo, NodeResult } from "./types";

/** dbt's timestamps in node_info: ISO without the zone suffix, microseconds. */
export function nodeTimestamp(iso: string): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(iso);
  return m ? `${m[1]}.${(m[2] ?? "").padEnd(6, "0").slice(0, 6)}` : iso;
}

/** The `node_info` of a node event; `result` null means the node just started. */
export function nodeInfo(node: ManifestNode, environment: ExecutionEnvironment, result: NodeResult | null): NodeInfo {
  const execute = result?.timing.find((t) => t.name === "execute");
  const compile = result?.timing.find((t) => t.name === "compile");
  let relation: NodeInfo["node_relation"] = null;
  try {
    const isTest = (node.resource_type as string) === "test";
    const rel = isTest ? environment.compiler.relationOf(node.unique_id) : relationFor(node, environment);
    if (isTest && rel) relation = { database: rel.database ?? null, schema: rel.schema, alias: rel.identifier, relation_name: "" };
    else if (rel && "render" in rel) relation = { database: rel.database, schema: rel.schema, alias: rel.identifier, relation_name: (node.resource_type as string) === "test" || (node.resource_type as string) === "unit_test" ? "" : rel.render() };
  } catch {
    relation = null;
  }
  const started = result ? (compile ?? execute)?.started_at : undefined;
  const finished = result && result.status !== "skipped" ? execute?.completed_at ?? compile?.completed_at : undefined;
  const meta = (node.config?.meta ?? (node as { meta?: Record<string, unknown> }).meta ?? {}) as Record<string, unknown>;
  return {
    unique_id: node.unique_id,
    node_status: result ? result.status : "started",
    node_started_at: nodeTimestamp(started ?? new Date().toISOString()),
    node_finished_at: finished ? nodeTimestamp(finished) : "",
    materialized: String(node.config.materialized ?? ""),
    resource_type: node.resource_type,
    node_name: node.name,
    node_path: node.path,
    node_relation: relation,
    meta,
    node_checksum: node.checksum?.checksum ?? "",
  };
}
