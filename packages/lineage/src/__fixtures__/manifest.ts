import type { Manifest, ManifestNode, SourceDefinition } from "@tsdbt/core";

/** A node of a test manifest: name, resource type and compiled SQL (refs written as `"db"."main"."name"`). */
export interface TestNode {
  name: string;
  type?: "model" | "seed" | "snapshot";
  sql?: string;
  deps?: string[];
  materialized?: string;
  columns?: string[];
  file?: string;
  config?: Record<string, unknown>;
}

/** A minimal manifest: every node in package `p`, database `db`, schema `main`; sources `raw.<name>`. */
export function testManifest(nodes: TestNode[], sources: { name: string; columns?: string[] }[] = [], adapterType = "duckdb"): Manifest {
  const m = { metadata: { adapter_type: adapterType }, nodes: {}, sources: {} } as unknown as Manifest;
  for (const n of nodes) {
    const type = n.type ?? "model";
    const id = `${type}.p.${n.name}`;
    m.nodes[id] = {
      unique_id: id,
      resource_type: type,
      name: n.name,
      package_name: "p",
      original_file_path: n.file ?? `models/${n.name}.sql`,
      database: "db",
      schema: "main",
      alias: n.name,
      relation_name: n.materialized === "ephemeral" ? null : `"db"."main"."${n.name}"`,
      config: { materialized: n.materialized ?? "view", ...n.config },
      compiled_code: n.sql,
      depends_on: { nodes: n.deps ?? [], macros: [] },
      columns: Object.fromEntries((n.columns ?? []).map((c) => [c, { name: c }])),
    } as unknown as ManifestNode;
  }
  for (const s of sources) {
    const id = `source.p.raw.${s.name}`;
    m.sources[id] = {
      unique_id: id,
      resource_type: "source",
      name: s.name,
      source_name: "raw",
      identifier: s.name,
      database: "db",
      schema: "raw",
      relation_name: `"db"."raw"."${s.name}"`,
      columns: Object.fromEntries((s.columns ?? []).map((c) => [c, { name: c }])),
    } as unknown as SourceDefinition;
  }
  return m;
}

/** `"db"."main"."name"`, as compiled SQL refers to a model. */
export const rel = (name: string): string => `"db"."main"."${name}"`;
