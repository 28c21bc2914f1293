import * as path from "node:path";
import type { Manifest } from "@tsdbt/core";

/** The profile target fields dataset naming reads. */
export interface TargetLike {
  type: string;
  host?: unknown;
  port?: unknown;
  path?: unknown;
  account?: unknown;
  project?: unknown;
  [key: string]: unknown;
}

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, redshift: 5439 };

/**
 * The OpenLineage dataset namespace of a warehouse, after OpenLineage's naming conventions:
 * `duckdb://<absolute file>`, `postgres://host:port`, `redshift://host:port`,
 * `snowflake://<account>`, `bigquery`; other engines `<type>://<host>`.
 */
export function datasetNamespace(target: TargetLike, projectDir: string): string {
  const type = target.type.toLowerCase();
  switch (type) {
    case "duckdb": {
      const file = typeof target.path === "string" && target.path ? target.path : ":memory:";
      return file === ":memory:" ? "duckdb://memory" : `duckdb://${path.resolve(projectDir, file)}`;
    }
    case "postgres":
    case "redshift":
      return `${type}://${String(target.host ?? "localhost")}:${Number(target.port ?? DEFAULT_PORTS[type])}`;
    case "snowflake":
      return `snowflake://${String(target.account ?? "unknown").toLowerCase()}`;
    case "bigquery":
      return "bigquery";
    default:
      return `${type}://${String(target.host ?? "localhost")}`;
  }
}

/** `database.schema.table` of a node or source (unquoted), or undefined when it builds no relation. */
export function datasetName(manifest: Manifest, id: string): string | undefined {
  const node = manifest.nodes[id];
  if (node) {
    if (node.config?.materialized === "ephemeral" || !["model", "seed", "snapshot"].includes(node.resource_type)) return undefined;
    return [node.database, node.schema, node.alias || node.name].filter(Boolean).join(".");
  }
  const src = manifest.sources[id];
  return src ? [src.database, src.schema, src.identifier || src.name].filter(Boolean).join(".") : undefined;
}
