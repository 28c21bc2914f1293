import { Relation, type Adapter, type RelationRef } from "@tsdbt/adapter-api";
import type { Hook, Manifest, ManifestNode, MicrobatchBatch } from "@tsdbt/core";
import { runNodes, type MicrobatchOptions, type NodeCompiler, type RunEvent, type RunSummary } from "@tsdbt/runner";

/** A node's SQL: fixed text or a function of `is_incremental()` (and of a microbatch model's batch). `{{ this }}` becomes the node's relation. */
export type NodeSql = string | ((flags: { isIncremental: boolean; batch?: MicrobatchBatch }) => string);

/** A model, seed or data test of a hand-made project. */
export interface NodeSpec {
  name: string;
  resourceType?: "model" | "seed" | "test";
  sql?: NodeSql;
  /** Names of the nodes this one depends on (same resource type prefix rules as {@link uniqueIdOf}). */
  dependsOn?: string[];
  config?: Record<string, unknown>;
  description?: string;
  /** Column name → description. */
  columns?: Record<string, string>;
  /** Seed file, relative to the project directory. */
  file?: string;
  /**
   * An enforced model contract: its columns (name → data type and constraints, in order) and the
   * model's own constraints. Sets `config.contract.enforced`.
   */
  contract?: { columns: Record<string, { data_type: string; constraints?: Record<string, unknown>[]; quote?: boolean }>; constraints?: Record<string, unknown>[] };
}

/** `model.conformance.<name>` (or seed./test.). */
export function uniqueIdOf(name: string, resourceType: NodeSpec["resourceType"] = "model"): string {
  return `${resourceType}.conformance.${name}`;
}

function hooksOf(value: unknown): Hook[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((h, index) => (typeof h === "string" ? { sql: h, transaction: true, index } : { ...(h as Hook), index }));
}

/** The manifest node of a spec, with the fields the runner reads; models build in `schema` unless the config names one. */
export function manifestNode(spec: NodeSpec, schema: string): ManifestNode {
  const type = spec.resourceType ?? "model";
  const materialized = type === "test" ? "test" : type === "seed" ? "seed" : "view";
  const config: Record<string, unknown> = { enabled: true, materialized, tags: [], meta: {}, alias: null, schema: null, database: null, ...spec.config, ...(spec.contract ? { contract: { enforced: true, alias_types: true } } : {}) };
  const contracted = Object.entries(spec.contract?.columns ?? {}).map(([name, c]) => [name, { name, description: "", meta: {}, data_type: c.data_type, constraints: c.constraints ?? [], quote: c.quote ?? null, tags: [] }]);
  return {
    unique_id: uniqueIdOf(spec.name, type),
    resource_type: type,
    package_name: "conformance",
    name: spec.name,
    path: spec.file ?? `${spec.name}.sql`,
    original_file_path: spec.file ?? `models/${spec.name}.sql`,
    fqn: ["conformance", spec.name],
    alias: typeof config.alias === "string" ? config.alias : spec.name,
    database: null,
    schema: typeof config.schema === "string" ? config.schema : schema,
    config: { ...config, "pre-hook": hooksOf(config["pre-hook"]), "post-hook": hooksOf(config["post-hook"]) },
    tags: [],
    description: spec.description ?? "",
    columns: Object.fromEntries([
      ...Object.entries(spec.columns ?? {}).map(([name, description]) => [name, { name, description, meta: {}, data_type: null, constraints: [], quote: null, tags: [] }]),
      ...contracted,
    ]),
    constraints: spec.contract?.constraints ?? [],
    meta: {},
    depends_on: { macros: [], nodes: (spec.dependsOn ?? []).map((d) => (d.includes(".") ? d : uniqueIdOf(d))) },
    raw_code: typeof spec.sql === "string" ? spec.sql : "",
    language: "sql",
    refs: [],
    sources: [],
  } as unknown as ManifestNode;
}

/** A compiler serving each node's fixed SQL with `{{ this }}` substituted; it records every compile. */
export class SpecCompiler implements NodeCompiler {
  readonly compiled: { id: string; isIncremental: boolean }[] = [];
  constructor(
    private readonly manifest: Manifest,
    private readonly sql: ReadonlyMap<string, NodeSql>,
    private readonly database: string | null,
    private readonly quote: (part: string) => string,
  ) {}

  compileNode(uniqueId: string, flags: { isIncremental: boolean; batch?: MicrobatchBatch }): string {
    this.compiled.push({ id: uniqueId, ...flags });
    const source = this.sql.get(uniqueId);
    if (source === undefined) throw new Error(`No SQL for ${uniqueId}.`);
    return this.renderHook(typeof source === "function" ? source(flags) : source, uniqueId);
  }

  renderHook(sql: string, uniqueId: string | null): string {
    return uniqueId ? sql.replace(/\{\{\s*this\s*\}\}/g, new Relation(this.relationOf(uniqueId), this.quote).render()) : sql;
  }

  /** A node's relation; a source id `source.<package>.<source>.<table>` names table `<table>` in schema `<source>`. */
  relationOf(uniqueId: string): RelationRef {
    const source = /^source\.[^.]+\.([^.]+)\.([^.]+)$/.exec(uniqueId);
    if (source) return { database: this.database, schema: source[1]!, identifier: source[2]! };
    const node = this.manifest.nodes[uniqueId]!;
    return { database: this.database, schema: node.schema, identifier: node.alias };
  }
}

/** Options of {@link runSpecs}. */
export interface RunSpecsOptions {
  schema: string;
  projectDir: string;
  threads?: number;
  fullRefresh?: boolean;
  /** Aborting it stops the run as Ctrl-C does. */
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  /** Microbatch models' clock and `--event-time-*`. */
  microbatch?: MicrobatchOptions;
}

/** Runs every spec through the runner's `runNodes` and returns the summary and the compiler (to inspect compiles). */
export async function runSpecs(adapter: Adapter, specs: NodeSpec[], options: RunSpecsOptions): Promise<{ summary: RunSummary; compiler: SpecCompiler }> {
  const nodes = specs.map((s) => manifestNode(s, options.schema));
  const manifest = { nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])), sources: {}, macros: {} } as unknown as Manifest;
  const sql = new Map(specs.filter((s) => s.sql !== undefined).map((s) => [uniqueIdOf(s.name, s.resourceType), s.sql!]));
  const compiler = new SpecCompiler(manifest, sql, adapter.defaultDatabase, adapter.dialect.quote);
  const summary = await runNodes({
    manifest,
    compiler,
    adapter,
    selected: nodes.map((n) => n.unique_id),
    threads: options.threads ?? 1,
    projectDir: options.projectDir,
    fullRefresh: options.fullRefresh ?? false,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.microbatch ? { microbatch: options.microbatch } : {}),
  });
  return { summary, compiler };
}
