/**
 * The manifest in dbt's v12 shape (target/manifest.json). Field names follow dbt's schema
 * exactly so tools that read dbt artifacts read ours; tsdbt-only data lives in `config`/`meta`.
 */

/** Resource types of graph nodes and other manifest entries. */
export type ResourceType =
  | "model"
  | "seed"
  | "snapshot"
  | "test"
  | "analysis"
  | "operation"
  | "source"
  | "macro"
  | "doc"
  | "exposure"
  | "unit_test"
  | "metric"
  | "semantic_model"
  | "saved_query";

/** A pre- or post-hook as dbt stores it. */
export interface Hook {
  sql: string;
  transaction: boolean;
  index: number | null;
}

/** A node's config after folder config, properties YAML and `config()` have been merged. */
export interface NodeConfig {
  enabled: boolean;
  materialized: string;
  tags: string[];
  meta: Record<string, unknown>;
  alias: string | null;
  schema: string | null;
  database: string | null;
  "pre-hook": Hook[];
  "post-hook": Hook[];
  [key: string]: unknown;
}

/** A documented column of a node or source. */
export interface ColumnInfo {
  name: string;
  description: string;
  meta: Record<string, unknown>;
  data_type: string | null;
  constraints: unknown[];
  quote: boolean | null;
  /** The column's config as dbt writes it (its meta and tags). */
  config?: { meta: Record<string, unknown>; tags: string[] };
  tags: string[];
  /** Time granularity of a time-spine column (`granularity:`). */
  granularity?: string | null;
  /** `doc.<package>.<name>` of the docs blocks the description uses (filled when descriptions are rendered). */
  doc_blocks?: string[];
}

/** A `ref()` as recorded on a node. */
export interface RefCall {
  name: string;
  package: string | null;
  version: string | number | null;
}

/** Fields every node in `manifest.nodes` has. */
export interface ManifestNode {
  unique_id: string;
  resource_type: Exclude<ResourceType, "source" | "macro" | "doc" | "exposure" | "unit_test">;
  package_name: string;
  name: string;
  /** Path relative to the resource's root folder (e.g. `staging/stg_orders.sql`). */
  path: string;
  /** Path relative to the project directory. */
  original_file_path: string;
  fqn: string[];
  alias: string;
  database: string | null;
  schema: string;
  checksum: { name: string; checksum: string };
  config: NodeConfig;
  tags: string[];
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  group: string | null;
  docs: { show: boolean; node_color: string | null };
  patch_path: string | null;
  build_path: string | null;
  unrendered_config: Record<string, unknown>;
  created_at: number;
  config_call_dict: Record<string, unknown>;
  relation_name: string | null;
  raw_code: string;
  language: "sql" | "python";
  refs: RefCall[];
  sources: [string, string][];
  metrics: string[][];
  depends_on: { macros: string[]; nodes: string[] };
  compiled_path: string | null;
  compiled?: boolean;
  compiled_code?: string | null;
  extra_ctes_injected?: boolean;
  extra_ctes?: { id: string; sql: string }[];
  contract: { enforced: boolean; alias_types: boolean; checksum: string | null };
  // models
  access?: "protected" | "private" | "public";
  constraints?: unknown[];
  version?: string | number | null;
  latest_version?: string | number | null;
  deprecation_date?: string | null;
  primary_key?: string[];
  time_spine?: Record<string, unknown> | null;
  /** A seed's: the absolute directory of the project (or package) it belongs to, as dbt records it. */
  root_path?: string;
  /** `doc.<package>.<name>` of the docs blocks the description uses. */
  doc_blocks?: string[];
  // generic tests
  column_name?: string | null;
  file_key_name?: string | null;
  attached_node?: string | null;
  test_metadata?: { name: string; kwargs: Record<string, unknown>; namespace: string | null };
}

/** A source table (`sources:` in properties YAML). */
export interface SourceDefinition {
  unique_id: string;
  resource_type: "source";
  package_name: string;
  name: string;
  source_name: string;
  source_description: string;
  loader: string;
  identifier: string;
  database: string | null;
  schema: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  quoting: Record<string, boolean | null>;
  loaded_at_field: string | null;
  loaded_at_query?: string | null;
  freshness: unknown;
  external?: Record<string, unknown> | null;
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  source_meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  patch_path: string | null;
  unrendered_config: Record<string, unknown>;
  relation_name: string | null;
  created_at: number;
  /** `database:` and `schema:` as written in the properties file, before rendering (null when not written). */
  unrendered_database?: string | null;
  unrendered_schema?: string | null;
}

/** A macro. */
export interface MacroDefinition {
  unique_id: string;
  resource_type: "macro";
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  macro_sql: string;
  depends_on: { macros: string[] };
  description: string;
  meta: Record<string, unknown>;
  docs: { show: boolean; node_color: string | null };
  patch_path: string | null;
  arguments: unknown[];
  created_at: number;
  supported_languages: string[] | null;
}

/** A `{% docs %}` block. */
export interface DocDefinition {
  unique_id: string;
  resource_type: "doc";
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  block_contents: string;
}

/** An exposure. */
export interface ExposureDefinition {
  unique_id: string;
  resource_type: "exposure";
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  type: string;
  owner: { email?: string | null; name?: string | null };
  description: string;
  label: string | null;
  maturity: string | null;
  meta: Record<string, unknown>;
  tags: string[];
  config: Record<string, unknown>;
  unrendered_config: Record<string, unknown>;
  url: string | null;
  depends_on: { macros: string[]; nodes: string[] };
  refs: RefCall[];
  sources: [string, string][];
  metrics: string[][];
  created_at: number;
}

/** The whole manifest. */
export interface Manifest {
  metadata: {
    dbt_schema_version: string;
    dbt_version: string;
    generated_at: string;
    invocation_id: string | null;
    /** When the invocation that parsed the project started (kept by a partial parse, in Python's `isoformat()` then). */
    invocation_started_at?: string;
    env: Record<string, string>;
    project_name: string | null;
    project_id: string | null;
    /** dbt's anonymous-usage user id: tsdbt sends no usage data, so always null. */
    user_id?: string | null;
    send_anonymous_usage_stats?: boolean | null;
    adapter_type: string | null;
    /** The project's quoting policy over the adapter's defaults (a part not set: null). */
    quoting?: { database: boolean | null; schema: boolean | null; identifier: boolean | null; column: boolean | null };
  };
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceDefinition>;
  macros: Record<string, MacroDefinition>;
  docs: Record<string, DocDefinition>;
  exposures: Record<string, ExposureDefinition>;
  metrics: Record<string, unknown>;
  groups: Record<string, unknown>;
  selectors: Record<string, unknown>;
  disabled: Record<string, unknown[]>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  group_map: Record<string, string[]>;
  saved_queries: Record<string, unknown>;
  semantic_models: Record<string, unknown>;
  unit_tests: Record<string, unknown>;
}

/** Anything the graph can hold: nodes, sources and exposures. */
export type GraphMember = ManifestNode | SourceDefinition | ExposureDefinition;
