/** A config tree of dbt_project.yml (`models:`, `seeds:` …): folders and `+key`s, as written. */
export type ConfigTree = Record<string, unknown>;

/** Quoting policy of dbt_project.yml `quoting:`. */
export interface QuotingConfig {
  database?: boolean;
  schema?: boolean;
  identifier?: boolean;
  [key: string]: unknown;
}

/** One entry of `dispatch:`: where to look for a macro namespace's implementations. */
export interface DispatchConfig {
  macro_namespace: string;
  search_order: string[];
}

/** `query-comment:` after normalisation. */
export interface QueryCommentConfig {
  /** False when the user set `query-comment: null` or an empty string. */
  enabled: boolean;
  /** The comment template; `null` means dbt's default comment. */
  comment: string | null;
  /** Put the comment after the statement instead of before it. */
  append: boolean;
  /** BigQuery: also send the comment as job labels. */
  jobLabel: boolean;
}

/** dbt_project.yml after loading: every key dbt knows, defaults filled in, Jinja rendered where dbt renders it. */
export interface ProjectConfig {
  /** Absolute directory holding dbt_project.yml. */
  projectDir: string;
  /** The file, relative to the root project (used in diagnostics). */
  file: string;
  name: string;
  version: string | null;
  configVersion: number;
  profile: string | null;
  modelPaths: string[];
  macroPaths: string[];
  seedPaths: string[];
  testPaths: string[];
  snapshotPaths: string[];
  analysisPaths: string[];
  /** Where docs blocks (.md) are read; dbt's default is every resource path. */
  docsPaths: string[];
  assetPaths: string[];
  targetPath: string;
  logPath: string;
  packagesInstallPath: string;
  cleanTargets: string[];
  /**
   * `vars:` as written (not rendered: dbt renders vars when they are used). Keys naming a
   * project hold that package's scoped vars; see `resolveVars`.
   */
  vars: Record<string, unknown>;
  quoting: QuotingConfig;
  models: ConfigTree;
  seeds: ConfigTree;
  snapshots: ConfigTree;
  /** `data_tests:` (or the older `tests:`). */
  dataTests: ConfigTree;
  sources: ConfigTree;
  unitTests: ConfigTree;
  exposures: ConfigTree;
  metrics: ConfigTree;
  semanticModels: ConfigTree;
  savedQueries: ConfigTree;
  /** Run hooks, unrendered (dbt renders them when the run starts/ends). */
  onRunStart: string[];
  onRunEnd: string[];
  /** Version constraints as written; only checked to warn. */
  requireDbtVersion: string[];
  dispatch: DispatchConfig[];
  flags: Record<string, unknown>;
  queryComment: QueryCommentConfig;
  restrictAccess: boolean;
  /** The whole file after rendering, for keys not modelled above. */
  raw: Record<string, unknown>;
  /**
   * The whole file as written, before rendering: its config trees give nodes' `unrendered_config`
   * (`"{{ target.name }}"` where the config holds `dev`), as dbt records it. Absent: `raw` stands in.
   */
  unrendered?: Record<string, unknown>;
}

/** Every top-level key dbt_project.yml may hold. */
export const PROJECT_KEYS = [
  "name",
  "version",
  "config-version",
  "profile",
  "model-paths",
  "macro-paths",
  "seed-paths",
  "test-paths",
  "snapshot-paths",
  "analysis-paths",
  "docs-paths",
  "asset-paths",
  "target-path",
  "log-path",
  "packages-install-path",
  "clean-targets",
  "vars",
  "quoting",
  "models",
  "seeds",
  "snapshots",
  "tests",
  "data_tests",
  "sources",
  "unit_tests",
  "exposures",
  "metrics",
  "semantic-models",
  "saved-queries",
  "on-run-start",
  "on-run-end",
  "require-dbt-version",
  "dispatch",
  "flags",
  "query-comment",
  "restrict-access",
  "dbt-cloud",
] as const;

/** Keys dbt renamed: still read, with a warning naming the new key. */
export const RENAMED_PROJECT_KEYS: Readonly<Record<string, string>> = {
  "source-paths": "model-paths",
  "data-paths": "seed-paths",
  "modules-path": "packages-install-path",
};
