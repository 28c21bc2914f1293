import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Relation, type Adapter, type RelationRef } from "@tsdbt/adapter-api";
import { createAdapter } from "@tsdbt/adapter-duckdb";
import type { Hook, Manifest, ManifestNode, MicrobatchBatch } from "@tsdbt/core";
import type { NodeCompiler } from "../types";

/** SQL of a node: fixed text or a function of `is_incremental()` (and of the batch of a microbatch model); `{{ this }}` is replaced by the relation. */
export type NodeSql = string | ((flags: { isIncremental: boolean; batch?: MicrobatchBatch }) => string);

/** A test node or model for a hand-made manifest. */
export interface NodeSpec {
  name: string;
  resourceType?: ManifestNode["resource_type"];
  sql?: NodeSql;
  dependsOn?: string[];
  config?: Record<string, unknown>;
  description?: string;
  columns?: Record<string, string>;
  file?: string;
}

const hooks = (value: unknown): Hook[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((h, index) =>
    typeof h === "string" ? { sql: h, transaction: true, index } : { ...(h as Hook), index },
  );

/** Builds a ManifestNode with the fields the runner reads. */
export function node(spec: NodeSpec): ManifestNode {
  const type = spec.resourceType ?? "model";
  const uniqueId = `${type}.proj.${spec.name}`;
  const config = { enabled: true, materialized: type === "test" ? "test" : type === "seed" ? "seed" : "view", tags: [], meta: {}, alias: null, schema: null, database: null, ...spec.config };
  return {
    unique_id: uniqueId,
    resource_type: type,
    package_name: "proj",
    name: spec.name,
    path: spec.file ?? `${spec.name}.sql`,
    original_file_path: spec.file ?? `models/${spec.name}.sql`,
    fqn: ["proj", spec.name],
    alias: spec.name,
    database: null,
    schema: String(spec.config?.schema ?? "main"),
    config: { ...config, "pre-hook": hooks(spec.config?.["pre-hook"]), "post-hook": hooks(spec.config?.["post-hook"]) },
    tags: [],
    description: spec.description ?? "",
    columns: Object.fromEntries(
      Object.entries(spec.columns ?? {}).map(([name, description]) => [name, { name, description, meta: {}, data_type: null, constraints: [], quote: null, tags: [] }]),
    ),
    meta: {},
    depends_on: { macros: [], nodes: spec.dependsOn ?? [] },
    raw_code: typeof spec.sql === "string" ? spec.sql : "",
    language: "sql",
    refs: [],
    sources: [],
  } as unknown as ManifestNode;
}

/** A manifest holding `nodes`. */
export function manifestOf(nodes: ManifestNode[]): Manifest {
  return { nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])), sources: {}, macros: {} } as unknown as Manifest;
}

/** A compiler that serves fixed SQL per node and substitutes `{{ this }}`, `{{ results_count }}` and, in a batch, `{{ model.batch.id }}`. */
export class FixtureCompiler implements NodeCompiler {
  readonly compiled: { id: string; isIncremental: boolean }[] = [];
  constructor(
    private readonly manifest: Manifest,
    private readonly sql: Record<string, NodeSql>,
    private readonly database: string | null,
    private readonly quote: (s: string) => string,
  ) {}

  compileNode(uniqueId: string, flags: { isIncremental: boolean; batch?: MicrobatchBatch }): string {
    this.compiled.push({ id: uniqueId, ...flags });
    const name = this.manifest.nodes[uniqueId]!.name;
    const source = this.sql[name];
    if (source === undefined) throw new Error(`no SQL for ${name}`);
    const text = typeof source === "function" ? source(flags) : source;
    return this.renderHook(text, uniqueId, undefined, undefined, flags.batch);
  }

  renderHook(sql: string, uniqueId: string | null, extra?: Record<string, unknown>, _statements?: unknown, batch?: MicrobatchBatch, isIncremental = false): string {
    let out = sql.replace(/\{\{\s*is_incremental\(\)\s*\}\}/g, isIncremental ? "True" : "False");
    if (batch) out = out.replace(/\{\{\s*model\.batch\.id\s*\}\}/g, batch.id);
    if (uniqueId) out = out.replace(/\{\{\s*this\s*\}\}/g, new Relation(this.relationOf(uniqueId), this.quote).render());
    if (extra && Array.isArray(extra.results)) out = out.replace(/\{\{\s*results_count\s*\}\}/g, String(extra.results.length));
    return out;
  }

  relationOf(uniqueId: string): RelationRef {
    const n = this.manifest.nodes[uniqueId]!;
    return { database: this.database, schema: n.schema, identifier: n.alias };
  }
}

/** A DuckDB adapter on a fresh file in a temp folder, and a `dispose` that closes it and removes the folder. */
export async function openDuckDb(options: { threads?: number; dir?: string } = {}): Promise<{ adapter: Adapter; dir: string; dispose(): Promise<void> }> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "tsdbt-runner-"));
  const adapter = createAdapter({ type: "duckdb", schema: "main", path: join(dir, "warehouse.duckdb"), threads: options.threads ?? 4 }, { projectDir: dir, targetPath: join(dir, "target") });
  await adapter.open();
  return {
    adapter,
    dir,
    async dispose() {
      await adapter.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows of a query as plain objects with numbers for integers. */
export async function rows(adapter: Adapter, sql: string): Promise<Record<string, unknown>[]> {
  const result = await adapter.execute(sql);
  return result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}

/** Everything a runNodes call needs for these specs. */
export function project(adapter: Adapter, specs: NodeSpec[]) {
  const nodes = specs.map(node);
  const manifest = manifestOf(nodes);
  const compiler = new FixtureCompiler(manifest, Object.fromEntries(specs.filter((s) => s.sql !== undefined).map((s) => [s.name, s.sql!])), adapter.defaultDatabase, adapter.dialect.quote);
  return { manifest, compiler, ids: nodes.map((n) => n.unique_id) };
}
