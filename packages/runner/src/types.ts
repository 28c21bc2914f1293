import type { Adapter, ExecuteOptions, QueryResult, RelationRef } from "@tsdbt/adapter-api";
import type { MacroValue, Manifest, ManifestNode, MaterializationOutcome, MicrobatchBatch } from "@tsdbt/core";
import type { QueryComment } from "./materializations/commented-adapter";
import type { UnitTestPort } from "./unit-tests/unit-test-port";

/** A synchronous statement runner (an open transaction's), for templates rendered inside it. */
export interface SyncStatements {
  /** Runs a statement; `autoBegin` is dbt's auto_begin (see {@link SyncStatements.commitSync}). */
  executeSync(sql: string, options?: ExecuteOptions & { autoBegin?: boolean }): QueryResult;
  /**
   * `adapter.commit()` of a Jinja materialization, where transactions are managed as dbt manages
   * them: commits the open transaction; the next statement with `autoBegin` (the default) opens
   * another. Absent: statements run in the caller's transaction and commit is a no-op.
   */
  commitSync?(): void;
}

/** What core gives the runner for each node to execute. */
export interface NodeCompiler {
  /**
   * SQL for a node rendered for execution: `execute` true, `is_incremental()` answering
   * `flags.isIncremental`, `this` = the target relation. May throw; the runner records
   * the throw as that node's error, never as a crash of the run.
   */
  compileNode(uniqueId: string, flags: { isIncremental: boolean; /** One batch of a microbatch model (`model.batch`, refs filtered to its window). */ batch?: MicrobatchBatch }): string;
  /**
   * Renders a hook's SQL (pre/post-hook, on-run-start/end) for a node, or for the run when `uniqueId` is null; `batch`: a hook of one batch of a microbatch model;
   * `isIncremental`: what `is_incremental()` answers (true for the hooks of an incremental model's incremental run, as in dbt).
   */
  renderHook(sql: string, uniqueId: string | null, extra?: Record<string, unknown>, statements?: SyncStatements, batch?: MicrobatchBatch, isIncremental?: boolean): string;
  /** The relation a node builds (database, schema, identifier), or a source's table (`source.…` ids). */
  relationOf(uniqueId: string): RelationRef;
  /** Compiles unit tests (`manifest.unit_tests`); without it a selected unit test errors. */
  unitTests?: UnitTestPort;
  /** Materializations and built-in steps written as Jinja macros; without it only the TypeScript built-ins run. */
  macros?: MacroPort;
}

/** The project's and packages' Jinja materializations and overrides, as the runner uses them. */
export interface MacroPort {
  /** The materialization macro a node runs, by dbt's precedence, or null when tsdbt's built-in one runs. */
  materialization(uniqueId: string): { macroId: string } | null;
  /**
   * Runs the node's materialization macro with `sql` as its compiled code; its statements go to
   * `statements` when given. `macroName`: a macro to run in its place with the same context
   * (tsdbt's snapshot through dbt's snapshot macros, `tsdbt_snapshot_materialization`).
   * `seedTable`: a seed's rows, for the macro's `load_agate_table()`.
   */
  runMaterialization(uniqueId: string, sql: string, statements: SyncStatements | undefined, isIncremental: boolean, macroName?: string, seedTable?: QueryResult): MaterializationOutcome;
  /** Unique ids of the project or package macros standing in for any of `macroNames` when a built-in step calls them. */
  overrides(uniqueId: string, macroNames: readonly string[]): string[];
  /** True when a macro named `macroName` is visible from the node. */
  exists(uniqueId: string, macroName: string): boolean;
  /** Calls a macro as a built-in materialization would and returns the SQL it renders or returns; `batch`: for one batch of a microbatch model. */
  call(uniqueId: string, macroName: string, args: MacroValue[], statements?: SyncStatements, batch?: MicrobatchBatch): string;
}

/** Options of {@link runNodes}. */
/** A hook of an installed package: rendered as that package's operation node, so its own macros resolve. */
export interface ProjectHook {
  project: string;
  sql: string;
}

export interface RunOptions {
  manifest: Manifest;
  /** Unique ids to execute (models, seeds, tests; ephemeral models and analyses run nothing). */
  selected: string[];
  adapter: Adapter;
  compiler: NodeCompiler;
  /** Worker count; forced to 1 when the adapter cannot run statements concurrently. */
  threads: number;
  /** Stop starting nodes after the first failure and cancel the running ones. */
  failFast?: boolean;
  /** `--full-refresh`: rebuild incremental models and reload seeds from scratch. */
  fullRefresh?: boolean;
  /** `--store-failures`: data tests keep their failing rows in tables of their audit schema. */
  storeFailures?: boolean;
  /** Project directory; the root project's seed files are read relative to it. */
  projectDir: string;
  /** The root project's name: its hooks' results are its `operation.<project>.<project>-on-run-end-<n>` nodes. */
  projectName?: string;
  /** Directory of each installed package, by name: a package's seed files are read relative to it. */
  packageDirs?: Record<string, string>;
  /** Aborting (Ctrl-C) cancels running statements; the summary keeps what completed. */
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /**
   * Keeps the SQL each node ran as its target/run file (dbt's `target/run/<project>/<path>`) and
   * returns the file's path for the node's error message; without it no such files are written.
   */
  onRunSql?: (node: ManifestNode, sql: string) => string | undefined;
  /**
   * dbt's `skip_nodes_if_on_run_start_fails` (dbt_project.yml `flags:`): when an on-run-start hook
   * fails, every node is skipped. Off by default, as in dbt: the nodes run anyway.
   */
  skipNodesIfOnRunStartFails?: boolean;
  /** SQL of the on-run-start hooks, unrendered: the root project's (text) and installed packages' ({@link ProjectHook}), in run order. */
  onRunStart?: (string | ProjectHook)[];
  /** SQL of the on-run-end hooks, unrendered, as onRunStart; rendered with `results` in `extra`. */
  onRunEnd?: (string | ProjectHook)[];
  /**
   * dbt_project.yml's `query-comment` rendered for a node (null: no comment), put on every
   * statement of its build; for `null`, the comment of the run's own statements (its hooks).
   */
  queryComment?: (node: ManifestNode | null) => QueryComment | null;
  /** Microbatch models: the clock their batches are computed from, `--event-time-*`, and batches to retry. */
  microbatch?: MicrobatchOptions;
}

/** A batch window as run_results.json records it: `[start, end]`, Python's isoformat (`2024-09-01T00:00:00+00:00`). */
export type BatchType = [string, string];

/** dbt's `batch_results` of a microbatch model's result. */
export interface BatchResults {
  successful: BatchType[];
  failed: BatchType[];
}

/** How the batches of microbatch models are chosen in a run. */
export interface MicrobatchOptions {
  /** The invocation's start: the last batch ends at its batch boundary. Default: when the run starts. */
  now?: Date;
  /** `--event-time-start` / `--event-time-end` (wall-clock UTC). */
  eventTimeStart?: Date | null;
  eventTimeEnd?: Date | null;
  /** `tsdbt retry`: a model's previous `batch_results`; its failed batches are the ones to run. */
  retry?: Readonly<Record<string, BatchResults>>;
}

/** Statuses of models and seeds (success/error/skipped) and of tests (pass/warn/fail/error/skipped). */
/** `no-op`: a node `build` reports without running anything (an exposure). */
/** `partial success`: a microbatch model some of whose batches failed. */
export type NodeStatus = "success" | "error" | "skipped" | "pass" | "warn" | "fail" | "no-op" | "partial success";

/** One phase of a node's execution, as run_results.json records it. */
export interface TimingInfo {
  name: "compile" | "execute";
  started_at: string;
  completed_at: string;
}

/** The result of one node, shaped like an entry of dbt's run_results.json v6. */
export interface NodeResult {
  status: NodeStatus;
  timing: TimingInfo[];
  /** `Thread-<n> (worker)`. */
  thread_id: string;
  /** Seconds. */
  execution_time: number;
  /** What the warehouse said: `_message`, `rows_affected` when known. */
  adapter_response: Record<string, unknown>;
  message: string | null;
  /** Failing rows of a test; null for other nodes. */
  failures: number | null;
  unique_id: string;
  compiled: boolean | null;
  compiled_code: string | null;
  relation_name: string | null;
  /** A microbatch model's batches, as dbt writes them; absent for other nodes. */
  batch_results?: BatchResults;
}

/** A failed on-run-start / on-run-end hook. */
export interface RunHookError {
  hook: "on-run-start" | "on-run-end";
  index: number;
  message: string;
}

/** What {@link runNodes} returns. */
export interface RunSummary {
  /** One result per executed or skipped node, in completion order (ephemeral models are left out). */
  results: NodeResult[];
  /** Wall time of the whole run in seconds. */
  elapsed: number;
  /** Results per status. */
  counts: Record<NodeStatus, number>;
  /** True when the run was aborted by the signal; nodes not started then have no result. */
  interrupted: boolean;
  /** ISO time the run started. */
  startedAt: string;
  /** Failed run-level hooks. */
  hookErrors: RunHookError[];
}

/** The node fields dbt's structured logs carry on node events. */
export interface NodeInfo {
  unique_id: string;
  node_status: NodeStatus | "started";
  /** dbt's timestamp (`2026-12-05T12:13:46.967718`, UTC, no zone suffix). */
  node_started_at: string;
  /** dbt's timestamp, or "" while the node runs (and for skipped nodes). */
  node_finished_at: string;
  materialized: string;
  resource_type: string;
  node_name: string;
  node_path: string;
  node_relation: { database: string | null; schema: string; alias: string; relation_name: string | null } | null;
  /** The node's `meta` config. */
  meta: Record<string, unknown>;
  /** sha256 of the node's file (dbt's checksum), "" for generic tests. */
  node_checksum: string;
}

/** Progress of a run, for the CLI to print. `index` is 1-based among the `total` nodes that produce results. */
export type RunEvent =
  | { kind: "node_start"; index: number; total: number; node_info: NodeInfo; /** dbt's thread name of the worker. */ thread: string }
  | { kind: "node_finish"; index: number; total: number; node_info: NodeInfo; result: NodeResult }
  /**
   * A project hook starting (`started`) or done; `name` is dbt's `<project>.<on-run-start|on-run-end>.<n>`.
   * `skipped`: a hook after a failed one of the same kind, which does not run.
   */
  | { kind: "run_hook"; hook: "on-run-start" | "on-run-end"; index: number; total: number; name: string; status: "started" | "success" | "error" | "skipped"; message: string | null; execution_time: number }
  /** A statement a node's build sent to the warehouse (dbt logs these at debug level). */
  | { kind: "node_sql"; unique_id: string; sql: string; thread: string }
  /** A batch of a microbatch model starting; `index` is 1-based among `total`, `label` the batch's start as dbt prints it. */
  | { kind: "batch_start"; unique_id: string; index: number; total: number; label: string; thread: string }
  /** A batch done: `message` what the warehouse said (`SELECT 3`), `error` why it failed. */
  | { kind: "batch_finish"; unique_id: string; index: number; total: number; label: string; status: "success" | "error" | "skipped"; message: string; error: string | null; execution_time: number; thread: string }
  /** A debug note about a node's build (which materialization path it took). */
  | { kind: "node_debug"; unique_id: string; message: string; thread: string; /** `warn` for an override tsdbt does not honour. */ level: "debug" | "warn" };
