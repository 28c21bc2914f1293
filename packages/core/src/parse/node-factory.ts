import { createHash } from "node:crypto";
import type { ManifestNode, NodeConfig } from "../manifest/types";

/** sha256 of a file's contents, as dbt records it in `checksum`. */
export function checksumOf(contents: string): { name: string; checksum: string } {
  return { name: "sha256", checksum: createHash("sha256").update(contents).digest("hex") };
}

/**
 * The defaults of a node config before any layer is applied: dbt 1.10's config of the resource
 * type, its keys in dbt's order (keys set later keep their place; others follow).
 */
export function defaultNodeConfig(resourceType: ManifestNode["resource_type"]): NodeConfig {
  if (resourceType === "test") {
    // dbt's TestConfig
    return { enabled: true, alias: null, schema: "dbt_test__audit", database: null, tags: [], meta: {}, group: null, materialized: "test", severity: "ERROR", store_failures: null, store_failures_as: null, where: null, limit: null, fail_calc: "count(*)", warn_if: "!= 0", error_if: "!= 0" } as unknown as NodeConfig;
  }
  const materialized = resourceType === "seed" ? "seed" : resourceType === "snapshot" ? "snapshot" : "view";
  // dbt's NodeConfig (analyses, hooks and operations as is; models, seeds and snapshots add their own keys)
  const config: NodeConfig = {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [],
    meta: {},
    group: null,
    materialized,
    incremental_strategy: null,
    batch_size: null,
    lookback: 1,
    begin: null,
    persist_docs: {},
    "post-hook": [],
    "pre-hook": [],
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
    event_time: null,
    concurrent_batches: null,
  };
  if (resourceType === "model") Object.assign(config, { access: "protected", freshness: null });
  if (resourceType === "seed") Object.assign(config, { delimiter: ",", quote_columns: null });
  if (resourceType === "snapshot") {
    const metaColumns = { dbt_valid_to: null, dbt_valid_from: null, dbt_scd_id: null, dbt_updated_at: null, dbt_is_deleted: null };
    Object.assign(config, { strategy: null, target_schema: null, target_database: null, updated_at: null, check_cols: null, snapshot_meta_column_names: metaColumns, dbt_valid_to_current: null });
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
