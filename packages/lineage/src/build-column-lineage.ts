import { snapshotSettingsOf, type Diagnostic, type Manifest, type ManifestNode } from "@tsdbt/core";
import { KnownColumns } from "./known-columns";
import { dialectsFor, parseSelect, type ParserDialect } from "./parse-sql";
import { RelationIndex } from "./relation-index";
import { analyzeSelectLineage, type SelectLineage } from "./select-lineage";
import { dedupeOrigins, toUpstream } from "./transformations";
import type { CatalogLike, ColumnLineage, LineageCoverage, LineageResult, NodeLineage } from "./types";
import { LineageErrorCode } from "./error-codes";

/** Options of {@link buildColumnLineage}. */
export interface LineageOptions {
  /** catalog.json (or its shape): exact columns of relations, used to expand `select *`. */
  catalog?: CatalogLike;
  /** Adapter type (default: the manifest's `metadata.adapter_type`); picks the parser dialect. */
  adapterType?: string;
  /** A node-sql-parser dialect to try first (e.g. "postgresql", "snowflake", "bigquery"). */
  dialect?: string;
  /** Project directory, to read seed headers (default: seeds' columns are unknown). */
  projectDir?: string;
  /** Analyse only these nodes (their parents are analysed as far as needed); default every model and snapshot. */
  select?: string[];
}

const ANALYSED = new Set(["model", "snapshot"]);

/**
 * Incremental column-lineage analysis over a manifest: each node is analysed once, after its
 * parents (whose output columns expand a `select *`). A node whose SQL no dialect reads falls
 * back to model-level lineage with a diagnostic; nothing here throws on user SQL.
 */
export class ColumnLineageBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly results = new Map<string, NodeLineage>();
  private readonly relations: RelationIndex;
  private readonly known: KnownColumns;
  private readonly dialects: ParserDialect[];
  private readonly ephemerals = new Map<string, string>();
  private readonly inProgress = new Set<string>();
  private readonly uncompiled: string[] = [];

  constructor(
    private readonly manifest: Manifest,
    private readonly options: LineageOptions = {},
  ) {
    this.relations = new RelationIndex(manifest);
    this.known = new KnownColumns(manifest, options.catalog, options.projectDir);
    this.dialects = dialectsFor(options.adapterType ?? manifest.metadata?.adapter_type, options.dialect);
    for (const n of Object.values(manifest.nodes)) if (n.resource_type === "model" && n.config?.materialized === "ephemeral") this.ephemerals.set(`__dbt__cte__${n.name}`.toLowerCase(), n.unique_id);
  }

  /** Known output columns of any node or source (catalog, lineage, seed header, YAML). */
  columnsOf(id: string): string[] | undefined {
    if (this.manifest.nodes[id] && ANALYSED.has(this.manifest.nodes[id].resource_type)) this.lineageOf(id);
    return this.known.lookup(id)?.columns;
  }

  /** Lineage of a model or snapshot (analysed on first request); `sql` overrides its compiled code. */
  lineageOf(id: string, sql?: string): NodeLineage | undefined {
    const cached = this.results.get(id);
    if (cached && sql === undefined) return cached;
    const node = this.manifest.nodes[id];
    if (!node || !ANALYSED.has(node.resource_type) || this.inProgress.has(id)) return undefined;
    this.inProgress.add(id);
    try {
      for (const p of node.depends_on?.nodes ?? []) if (this.manifest.nodes[p] && ANALYSED.has(this.manifest.nodes[p].resource_type)) this.lineageOf(p);
      const result = this.analyse(node, sql ?? node.compiled_code ?? undefined);
      this.results.set(id, result);
      if (result.level === "column" && !result.open) this.known.setFromLineage(id, Object.keys(result.columns));
      return result;
    } finally {
      this.inProgress.delete(id);
    }
  }

  /** Every analysed node so far. */
  all(): Record<string, NodeLineage> {
    return Object.fromEntries(this.results);
  }

  /** Ids of nodes that had no compiled SQL. */
  get uncompiledNodes(): readonly string[] {
    return this.uncompiled;
  }

  private analyse(node: ManifestNode, sql: string | undefined): NodeLineage {
    const parents = (node.depends_on?.nodes ?? []).filter((p) => this.manifest.nodes[p] || this.manifest.sources[p]);
    if (!sql) {
      this.uncompiled.push(node.unique_id);
      return this.modelLevel(node, parents);
    }
    const parsed = parseSelect(sql, this.dialects);
    if (!parsed.ok) {
      this.diagnostics.push({
        code: LineageErrorCode.Unparsable,
        severity: "warn",
        message: `Column lineage of ${describe(node)} is model-level only: the SQL parser could not read its compiled SQL (${parsed.errors.map((e) => `${e.dialect}: ${e.message}`).join("; ")}).`,
        file: node.original_file_path,
        nodeId: node.unique_id,
        hint: "Its parents are still linked. Rewrite the construct the parser rejects in standard SQL to get column-level lineage.",
      });
      return this.modelLevel(node, parents);
    }
    let analysed: SelectLineage;
    try {
      analysed = analyzeSelectLineage(parsed.ast, {
        lookupRelation: (parts) => this.relations.lookup(parts),
        columnsOf: (id) => this.columnsOf(id),
        ephemeralFor: (name) => this.ephemerals.get(name.toLowerCase()),
        selfId: node.unique_id,
      });
    } catch (e) {
      this.diagnostics.push({
        code: LineageErrorCode.Unparsable,
        severity: "warn",
        message: `Column lineage of ${describe(node)} is model-level only: its SQL parsed (${parsed.dialect}) but a construct in it could not be analysed (${(e as Error)?.message ?? String(e)}).`,
        file: node.original_file_path,
        nodeId: node.unique_id,
        hint: "Its parents are still linked. Please report the SQL so the analyser learns the construct.",
      });
      return this.modelLevel(node, parents);
    }
    for (const rel of analysed.unknownRelations) {
      this.diagnostics.push({
        code: LineageErrorCode.UnknownRelation,
        severity: "warn",
        message: `${capitalise(describe(node))} reads ${rel}, which is neither a CTE nor a model, seed, snapshot or source of the project, so columns taken from it are not traced.`,
        file: node.original_file_path,
        nodeId: node.unique_id,
        hint: "Refer to it with ref() or declare it as a source.",
      });
    }
    const columns: Record<string, ColumnLineage> = {};
    for (const col of analysed.columns) {
      const entry: ColumnLineage = { upstream: toUpstream(dedupeOrigins(col.origins)) };
      if (col.unresolved.length) entry.unresolved = [...new Set(col.unresolved)];
      columns[uniqueName(columns, col.name)] = entry;
    }
    if (node.resource_type === "snapshot") {
      for (const meta of Object.values(snapshotSettingsOf(node).settings?.meta ?? {})) if (!columns[meta] && meta !== "dbt_is_deleted") columns[meta] = { upstream: [] };
    }
    if (analysed.open) {
      this.diagnostics.push({
        code: LineageErrorCode.OpenStar,
        severity: "warn",
        message: `${capitalise(describe(node))} selects * from a relation whose columns are unknown, so its column list may be incomplete.`,
        file: node.original_file_path,
        nodeId: node.unique_id,
        hint: "Run `tsdbt docs generate` to write target/catalog.json, or declare the columns in properties YAML.",
      });
    }
    const parentSet = new Set([...parents, ...analysed.parents]);
    const result: NodeLineage = { level: "column", columns, indirect: toUpstream(dedupeOrigins(analysed.indirect)), parents: [...parentSet], dialect: parsed.dialect };
    if (analysed.open) result.open = true;
    return result;
  }

  private modelLevel(node: ManifestNode, parents: string[]): NodeLineage {
    const known = this.known.lookup(node.unique_id);
    const columns: Record<string, ColumnLineage> = {};
    for (const c of known?.columns ?? []) columns[c] = { upstream: [], unresolved: ["*"] };
    return { level: "model", columns, indirect: [], parents };
  }
}

/**
 * Column-level lineage of every model and snapshot with compiled SQL: for each output column,
 * the upstream node columns it is computed from and how (OpenLineage transformation types),
 * plus coverage (share of output columns fully traced) and diagnostics.
 */
export function buildColumnLineage(manifest: Manifest, options: LineageOptions = {}): LineageResult {
  const builder = new ColumnLineageBuilder(manifest, options);
  const ids = options.select ?? Object.values(manifest.nodes).filter((n) => ANALYSED.has(n.resource_type)).map((n) => n.unique_id);
  for (const id of ids) builder.lineageOf(id);
  const models = builder.all();
  const diagnostics = [...builder.diagnostics];
  if (builder.uncompiledNodes.length) {
    const n = builder.uncompiledNodes.length;
    diagnostics.push({
      code: LineageErrorCode.NotCompiled,
      severity: "warn",
      message: `${n} node${n === 1 ? " has" : "s have"} no compiled SQL (${builder.uncompiledNodes.slice(0, 3).join(", ")}${n > 3 ? ", …" : ""}); ${n === 1 ? "its" : "their"} lineage is model-level only.`,
      hint: "Run `tsdbt compile` first.",
    });
  }
  return { models, coverage: measureCoverage(models, options.catalog), diagnostics };
}

/** Share of output columns traced; catalog columns lineage did not produce count as untraced. */
export function measureCoverage(models: Record<string, NodeLineage>, catalog?: CatalogLike): LineageCoverage {
  let columns = 0;
  let resolved = 0;
  let columnLevel = 0;
  for (const [id, m] of Object.entries(models)) {
    if (m.level === "column") columnLevel++;
    const names = new Set(Object.keys(m.columns).map((c) => c.toLowerCase()));
    for (const c of Object.values(m.columns)) {
      columns++;
      if (!c.unresolved?.length) resolved++;
    }
    for (const [key, c] of Object.entries(catalog?.nodes?.[id]?.columns ?? {})) if (!names.has((c.name ?? key).toLowerCase())) columns++;
  }
  const total = Object.keys(models).length;
  return { columns, resolved, ratio: columns ? resolved / columns : 1, models: { total, columnLevel, modelLevel: total - columnLevel } };
}

function uniqueName(taken: Record<string, unknown>, name: string): string {
  if (!(name in taken)) return name;
  let i = 1;
  while (`${name}_${i}` in taken) i++;
  return `${name}_${i}`;
}

function describe(node: ManifestNode): string {
  return `${node.resource_type} '${node.name}'`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
