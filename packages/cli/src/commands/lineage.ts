import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { closestNames, compileProject, DiagnosticError, type Diagnostic, type Manifest, type ParsedProject } from "@tsdbt/core";
import { ColumnLineageBuilder, formatTree, LineageErrorCode, traceColumn, type CatalogLike, type LineageTreeNode } from "@tsdbt/lineage";
import { UsageError } from "../args";
import { type CommandContext, type CommandOutcome } from "../command-context";
import { openWarehouse } from "../warehouse";
import { parseForCommand } from "../parse-for-command";

const WITH_SQL = new Set(["model", "snapshot"]);

/** What `tsdbt lineage` returns through the Node API (and prints with `--output json`). */
export interface LineageAnswer {
  node: string;
  column: string;
  upstream?: LineageTreeNode[];
  downstream?: LineageTreeNode[];
}

/**
 * `tsdbt lineage MODEL.COLUMN [--upstream] [--downstream] [--output json]`: where a column comes
 * from (down to seeds and sources) and what it feeds, transitively, as a tree. Uses the compiled
 * SQL in target/manifest.json for nodes whose files did not change since, compiles the others
 * in-process (nothing is written), and expands `select *` with target/catalog.json when present.
 */
export async function lineageCommand(ctx: CommandContext): Promise<CommandOutcome> {
  const spec = ctx.args.positional[0];
  if (!spec) throw new UsageError("`tsdbt lineage` needs a column: MODEL.COLUMN (or SOURCE.TABLE.COLUMN), e.g. `tsdbt lineage customers.customer_id`.");
  const parsed = await parseForCommand(ctx);
  ctx.logger.diagnostics(parsed.diagnostics);
  const manifest = parsed.manifest;
  const { node, column } = resolveTarget(manifest, spec);
  const directions: ("upstream" | "downstream")[] = [];
  if (ctx.args.upstream || !ctx.args.downstream) directions.push("upstream");
  if (ctx.args.downstream) directions.push("downstream");

  const needed = new Set<string>(directions.includes("downstream") ? Object.values(manifest.nodes).filter((n) => WITH_SQL.has(n.resource_type)).map((n) => n.unique_id) : ancestorsWithSql(manifest, node));
  await ensureCompiled(ctx, parsed, [...needed]);
  const catalog = readCatalog(parsed.targetPath, ctx);
  const builder = new ColumnLineageBuilder(manifest, { catalog, adapterType: parsed.profile.target.type, projectDir: parsed.projectDir });
  for (const id of needed) builder.lineageOf(id);
  ctx.logger.diagnostics(builder.diagnostics);
  const columnName = checkColumn(builder, node, column, spec);

  const answer: LineageAnswer = { node, column: columnName };
  for (const d of directions) answer[d] = traceColumn(builder.all(), node, columnName, d).children;
  if (ctx.args.output === "json") {
    ctx.logger.print(JSON.stringify(answer), "ColumnLineage", answer as unknown as Record<string, unknown>);
  } else {
    const label = (id: string) => labelOf(manifest, id);
    for (const d of directions) {
      const lines = formatTree({ node, column: columnName, children: answer[d]!, modelLevel: builder.lineageOf(node)?.level === "model" || undefined }, label);
      ctx.logger.print(`${d === "upstream" ? "Upstream of" : "Downstream of"} ${lines[0]}${answer[d]!.length ? "" : d === "upstream" ? "  (no upstream columns)" : "  (feeds no other column)"}`, "ColumnLineage");
      if (lines.length > 1) ctx.logger.print(lines.slice(1).join("\n"), "ColumnLineage");
    }
  }
  return { exitCode: 0, result: answer };
}

/** Finds the node and column named by `model.column`, `source.table.column` or `<unique id>.column`. */
function resolveTarget(manifest: Manifest, spec: string): { node: string; column: string } {
  const parts = spec.split(".");
  if (parts.length < 2 || parts.some((p) => !p)) throw new UsageError(`'${spec}' is not MODEL.COLUMN: give the model (or SOURCE.TABLE) and the column, separated by dots.`);
  const column = parts[parts.length - 1];
  const head = parts.slice(0, -1).join(".");
  if (manifest.nodes[head] || manifest.sources[head]) return { node: head, column };
  const lower = head.toLowerCase();
  const candidates = Object.values(manifest.nodes).filter((n) => ["model", "seed", "snapshot"].includes(n.resource_type));
  const byName = candidates.filter((n) => n.name.toLowerCase() === lower);
  const found = byName.find((n) => n.package_name === manifest.metadata.project_name) ?? byName[0];
  if (found) return { node: found.unique_id, column };
  const source = Object.values(manifest.sources).find((s) => `${s.source_name}.${s.name}`.toLowerCase() === lower);
  if (source) return { node: source.unique_id, column };
  const names = [...candidates.map((n) => n.name), ...Object.values(manifest.sources).map((s) => `${s.source_name}.${s.name}`)];
  const close = closestNames(head, names, 1);
  throw new DiagnosticError([
    {
      code: LineageErrorCode.UnknownTarget,
      severity: "error",
      message: `No model, seed, snapshot or source is named '${head}'.${close.length ? ` Did you mean '${close[0]}'?` : ""}`,
      hint: "Name a model as MODEL.COLUMN, a source table as SOURCE.TABLE.COLUMN; `tsdbt ls` lists them.",
    },
  ]);
}

/** The column as the lineage spells it; an unknown column is an error naming the closest one. */
function checkColumn(builder: ColumnLineageBuilder, node: string, column: string, spec: string): string {
  const lineage = builder.lineageOf(node);
  const known = lineage && (lineage.level === "column" || Object.keys(lineage.columns).length) ? Object.keys(lineage.columns) : builder.columnsOf(node);
  if (!known || (lineage?.open && !known.length)) return column;
  const exact = known.find((c) => c.toLowerCase() === column.toLowerCase());
  if (exact) return exact;
  if (lineage?.open) return column;
  const close = closestNames(column, known, 1);
  const d: Diagnostic = {
    code: LineageErrorCode.UnknownTarget,
    severity: "error",
    message: `'${spec}' names no column: ${node} has ${known.map((c) => `'${c}'`).join(", ")}.${close.length ? ` Did you mean '${close[0]}'?` : ""}`,
    nodeId: node,
    hint: "Column names are matched without regard to case.",
  };
  throw new DiagnosticError([d]);
}

/** The node and every ancestor that has SQL (models and snapshots). */
function ancestorsWithSql(manifest: Manifest, id: string): string[] {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    for (const p of manifest.nodes[cur]?.depends_on?.nodes ?? []) stack.push(p);
  }
  return [...seen].filter((n) => WITH_SQL.has(manifest.nodes[n]?.resource_type ?? ""));
}

/**
 * Fills compiled_code of the given nodes: from target/manifest.json when the node's file is
 * unchanged (same checksum), else by compiling in-process (a warehouse opens only if a
 * template queries it). Nothing is written.
 */
async function ensureCompiled(ctx: CommandContext, parsed: ParsedProject, ids: string[]): Promise<void> {
  const previous = readJson<Manifest>(path.join(parsed.targetPath, "manifest.json"));
  const missing: string[] = [];
  for (const id of ids) {
    const node = parsed.manifest.nodes[id];
    const old = previous?.nodes?.[id];
    if (old?.compiled_code && old.checksum?.checksum === node.checksum?.checksum) node.compiled_code = old.compiled_code;
    else missing.push(id);
  }
  if (!missing.length) return;
  ctx.logger.fire("LineageCompile", `Compiling ${missing.length} node${missing.length === 1 ? "" : "s"} for lineage`);
  const warehouse = openWarehouse(parsed);
  try {
    await compileProject(parsed, { selected: missing, connect: warehouse.connect, write: false });
  } finally {
    await warehouse.close();
  }
}

function readCatalog(targetPath: string, ctx: CommandContext): CatalogLike | undefined {
  const file = path.join(targetPath, "catalog.json");
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as CatalogLike;
  } catch (e) {
    ctx.logger.diagnostics([{ code: LineageErrorCode.BadCatalog, severity: "warn", message: `target/catalog.json could not be read (${(e as Error).message}); select * is expanded without it.`, hint: "Run `tsdbt docs generate` to write it again." }]);
    return undefined;
  }
}

function readJson<T>(file: string): T | undefined {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** `name` for models, seeds and snapshots; `source.table` for sources. */
function labelOf(manifest: Manifest, id: string): string {
  const n = manifest.nodes[id];
  if (n) return n.name;
  const s = manifest.sources[id];
  return s ? `${s.source_name}.${s.name}` : id;
}
