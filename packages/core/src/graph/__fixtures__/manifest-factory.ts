import { createNode } from "../../parse/node-factory";
import type {
  ExposureDefinition,
  Manifest,
  ManifestNode,
  NodeConfig,
  SourceDefinition,
} from "../../manifest/types";

/** Overrides for a fixture node; `config` is merged over the defaults. */
export type NodeOverrides = Partial<Omit<ManifestNode, "config">> & { config?: Partial<NodeConfig> };

const PROJECT = "shop";

/** An empty v12 manifest for project `shop`. */
export function emptyManifest(): Manifest {
  return {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
      dbt_version: "1.8.0",
      generated_at: "2024-01-01T00:00:00Z",
      invocation_id: null,
      env: {},
      project_name: PROJECT,
      project_id: null,
      adapter_type: "duckdb",
    },
    nodes: {},
    sources: {},
    macros: {},
    docs: {},
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: {},
    child_map: {},
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}

/** A node with sensible defaults: a view model `name` in models/<name>.sql unless overridden. */
export function makeNode(name: string, overrides: NodeOverrides = {}): ManifestNode {
  const resourceType = overrides.resource_type ?? "model";
  const packageName = overrides.package_name ?? PROJECT;
  const folder = resourceType === "seed" ? "seeds" : resourceType === "test" ? "tests" : resourceType === "snapshot" ? "snapshots" : "models";
  const path = overrides.path ?? `${name}.${resourceType === "seed" ? "csv" : "sql"}`;
  const tags = overrides.tags ?? overrides.config?.tags ?? [];
  const { config, ...rest } = overrides;
  const node = createNode({
    resourceType,
    packageName,
    name,
    path,
    originalFilePath: `${folder}/${path}`,
    fqn: [packageName, ...path.split("/").slice(0, -1), name],
    rawCode: `select 1 as ${name}`,
    checksum: { name: "sha256", checksum: `sum-${name}` },
  });
  Object.assign(node, { database: "db", schema: "main", tags, created_at: 0 });
  Object.assign(node.config, { tags, ...config });
  return Object.assign(node, rest);
}

/** A source table `sourceName.table` declared in models/sources.yml. */
export function makeSource(sourceName: string, table: string, overrides: Partial<SourceDefinition> = {}): SourceDefinition {
  const packageName = overrides.package_name ?? PROJECT;
  return {
    unique_id: `source.${packageName}.${sourceName}.${table}`,
    resource_type: "source",
    package_name: packageName,
    name: table,
    source_name: sourceName,
    source_description: "",
    loader: "",
    identifier: table,
    database: "db",
    schema: sourceName,
    path: "models/sources.yml",
    original_file_path: "models/sources.yml",
    fqn: [packageName, sourceName, table],
    quoting: {},
    loaded_at_field: null,
    freshness: null,
    description: "",
    columns: {},
    meta: {},
    source_meta: {},
    tags: [],
    config: { enabled: true },
    patch_path: null,
    unrendered_config: {},
    relation_name: null,
    created_at: 0,
    ...overrides,
  };
}

/** An exposure `name` in models/exposures.yml depending on `dependsOn`. */
export function makeExposure(name: string, dependsOn: string[], overrides: Partial<ExposureDefinition> = {}): ExposureDefinition {
  return {
    unique_id: `exposure.${PROJECT}.${name}`,
    resource_type: "exposure",
    package_name: PROJECT,
    name,
    path: "exposures.yml",
    original_file_path: "models/exposures.yml",
    fqn: [PROJECT, name],
    type: "dashboard",
    owner: { name: "analytics" },
    description: "",
    label: null,
    maturity: null,
    meta: {},
    tags: [],
    config: { enabled: true },
    unrendered_config: {},
    url: null,
    depends_on: { macros: [], nodes: dependsOn },
    refs: [],
    sources: [],
    metrics: [],
    created_at: 0,
    ...overrides,
  };
}

/** A generic test `testName` on `attachedTo` (and any other parents). */
export function makeGenericTest(testName: string, attachedTo: string, otherParents: string[] = [], overrides: NodeOverrides = {}): ManifestNode {
  const model = attachedTo.split(".").pop() as string;
  const name = `${testName}_${model}_${otherParents.map((p) => p.split(".").pop()).join("_") || "id"}`;
  return makeNode(name, {
    resource_type: "test",
    path: `${name}.sql`,
    depends_on: { macros: [`macro.dbt.test_${testName}`], nodes: [attachedTo, ...otherParents] },
    attached_node: attachedTo,
    column_name: "id",
    test_metadata: { name: testName, kwargs: { column_name: "id" }, namespace: null },
    ...overrides,
  });
}

/** Adds entries to a manifest by unique id and returns it. */
export function withEntries(
  manifest: Manifest,
  entries: (ManifestNode | SourceDefinition | ExposureDefinition)[],
): Manifest {
  for (const entry of entries) {
    if (entry.resource_type === "source") manifest.sources[entry.unique_id] = entry;
    else if (entry.resource_type === "exposure") manifest.exposures[entry.unique_id] = entry;
    else manifest.nodes[entry.unique_id] = entry;
  }
  return manifest;
}

/** Shorthand: the dependencies of a fixture node. */
export function dependsOn(...ids: string[]): { macros: string[]; nodes: string[] } {
  return { macros: [], nodes: ids };
}
