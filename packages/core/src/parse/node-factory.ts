import { createHash } from "node:crypto";
import type { ManifestNode, NodeConfig } from "../manifest/types";

/** sha256 of a file's contents, as dbt records it in `checksum`. */
export function checksumOf(contents: string): { name: string; checksum: string } {
  return { name: "sha256", checksum: createHash("sha256").update(contents).digest("hex") };
}

/** The defaults of a node config before any layer is applied. */
export function defaultNodeConfig(resourceType: ManifestNode["resource_type"]): NodeConfig {
  const materialized = resourceType === "seed" ? "seed" : resourceType === "test" ? "test" : resourceType === "snapshot" ? "snapshot" : "view";
  const config: NodeConfig = {
    enabled: true,
    materialized,
    tags: [],
    meta: {},
    alias: null,
    schema: null,
    database: null,
    "pre-hook": [],
    "post-hook": [],
    persist_docs: {},
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    on_schema_change: "ignore",
    on_configuration_change: "apply",
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    access: "protected",
  };
  if (resourceType === "test") {
    // dbt's TestConfig, keys in its order
    return { enabled: true, alias: null, schema: "dbt_test__audit", database: null, tags: [], meta: {}, group: null, materialized: "test", severity: "ERROR", store_failures: null, store_failures_as: null, where: null, limit: null, fail_calc: "count(*)", warn_if: "!= 0", error_if: "!= 0" } as unknown as NodeConfig;
  }
  if (resourceType === "seed") {
    config.delimiter = ",";
    config.quote_columns = null;
  }
  return config;
}

/** What a node is built from. */
export interface NodeSeed {
  resourceType: ManifestNode["resource_type"];
  packageName: string;
  name: string;
  /** Path relative to the resource folder (`staging/stg_orders.sql`). */
  path: string;
  /** Path relative to the project root. */
  originalFilePath: string;
  fqn: string[];
  rawCode: string;
  checksum?: { name: string; checksum: string };
  uniqueId?: string;
}

/** A manifest node with every field dbt writes, filled with defaults. */
export function createNode(seed: NodeSeed): ManifestNode {
  return {
    database: null,
    schema: "",
    name: seed.name,
    resource_type: seed.resourceType,
    package_name: seed.packageName,
    path: seed.path,
    original_file_path: seed.originalFilePath,
    unique_id: seed.uniqueId ?? `${seed.resourceType}.${seed.packageName}.${seed.name}`,
    fqn: seed.fqn,
    alias: seed.name,
    checksum: seed.checksum ?? checksumOf(seed.rawCode),
    config: defaultNodeConfig(seed.resourceType),
    tags: [],
    description: "",
    columns: {},
    meta: {},
    group: null,
    docs: { show: true, node_color: null },
    patch_path: null,
    build_path: null,
    unrendered_config: {},
    created_at: Date.now() / 1000,
    config_call_dict: {},
    relation_name: null,
    raw_code: seed.rawCode,
    doc_blocks: [],
    language: "sql",
    refs: [],
    sources: [],
    metrics: [],
    depends_on: { macros: [], nodes: [] },
    compiled_path: null,
    contract: { enforced: false, alias_types: true, checksum: null },
  };
}
