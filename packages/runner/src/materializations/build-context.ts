import type { Adapter, Relation } from "@tsdbt/adapter-api";
import type { ManifestNode, MicrobatchBatch } from "@tsdbt/core";
import type { MacroPort, NodeCompiler } from "../types";

/** Something that runs SQL: the adapter itself or an open transaction. */
export type SqlExecutor = Pick<Adapter, "execute">;

/** Everything a materialization needs to build one node. */
export interface BuildContext {
  node: ManifestNode;
  adapter: Adapter;
  compiler: NodeCompiler;
  /** The relation the node builds. */
  relation: Relation;
  /** `--full-refresh` was given. */
  fullRefresh: boolean;
  /** The directory of the node's own project (the root project's, or its package's): its files are relative to it. */
  projectDir: string;
  /** Compiles the node (timed as the result's `compile` phase); the last compiled SQL becomes `compiled_code`. */
  compile(isIncremental: boolean): string;
  /** The project's Jinja materializations and overrides, when the compiler offers them. */
  macros?: MacroPort;
  /** Writes a debug-level note about this build (which path it took). */
  debug(message: string): void;
  /** Warns about this build (a project macro the built-in path does not honour). */
  warn(message: string): void;
  /**
   * Set while one batch of a microbatch model builds: its id names the batch's working relation
   * (batches may run at once), and `node.config` carries its window.
   */
  batch?: MicrobatchBatch;
}

/** What a build tells the result: rows affected when the warehouse reports them, and a short message. */
export interface BuildOutcome {
  rowsAffected: number | null;
  /** dbt-style adapter message such as `OK`, `INSERT 12`, `CREATE VIEW`. */
  message: string;
}

/** A materialization strategy: builds one node's relation through the adapter's dialect. */
export type Materialization = (context: BuildContext) => Promise<BuildOutcome>;

/** The node's config value `key`, or `fallback` when unset (null counts as unset). */
export function configValue<T>(node: ManifestNode, key: string, fallback: T): T {
  const value = node.config[key];
  return value === undefined || value === null ? fallback : (value as T);
}
