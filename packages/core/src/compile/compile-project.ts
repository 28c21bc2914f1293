import { toFileLines } from "./source-line-offset";
import * as path from "node:path";
import { DiagnosticError, type Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";
import { WarehouseNeededError } from "../context/compiler-error";
import type { SyncWarehouse } from "../context/warehouse";
import type { ParsedProject } from "../parse/parse-project";
import { renderErrorToDiagnostic } from "../parse/render-diagnostic";
import { indexManifest } from "./execution-scope";
import { cteDefinition } from "./inject-ctes";
import { NodeCompiler, type NodeCompilerOptions } from "./node-compiler";
import { ChangedFileWriter } from "../util/write-if-changed";

/** Options of {@link compileProject}. */
export interface CompileOptions {
  /** Unique ids to compile (default: every model, analysis, test and snapshot). */
  selected?: string[];
  /** Opens a warehouse connection the first time a template queries it. */
  connect?: () => Promise<SyncWarehouse>;
  /**
   * The project's query comment for what templates send (`run_query`…), given the compiler that
   * renders it, as dbt's compile puts it on those statements.
   */
  queryComment?: (compiler: () => NodeCompiler) => NodeCompilerOptions["queryComment"];
  /** Write target/compiled/** (default true). */
  write?: boolean;
  /** Skip the static fast paths (for proving they change nothing). */
  fullRender?: boolean;
  /** `--empty`: refs and sources select zero rows. */
  empty?: boolean;
  /** Also compile the projects' on-run-start/end hooks (their operation nodes), as dbt's `compile` does. */
  hooks?: boolean;
}

const COMPILABLE = new Set(["model", "analysis", "test", "snapshot"]);

/**
 * Where dbt writes a node's compiled SQL (`folder` compiled), or the SQL it ran (`run`), relative to
 * the project, spelled as dbt's manifest spells it (a hook's `./dbt_project.yml/hooks/<name>.sql`
 * keeps its `./`). Several nodes of one file (generic tests, unit tests, hooks) go under the file's path.
 */
export function compiledPathOf(node: ManifestNode, targetPathRel: string, folder: "compiled" | "run" = "compiled"): string {
  // a hook's SQL goes under its project file: dbt_project.yml/hooks/<name>.sql
  // a unit test's under its properties file and that file's folder: models/unit.yml/models/<name>.sql;
  // a YAML snapshot's under the file and its path: snapshots/s.yml/s.yml/<name>.sql
  const file = node.test_metadata
    ? `${node.original_file_path}/${node.name}.sql`
    : node.resource_type === "operation"
      ? `${node.original_file_path}/${node.path}`
      : (node.resource_type as string) === "unit_test"
        ? `${node.original_file_path}/${path.posix.join(path.posix.dirname(node.original_file_path), `${node.unique_id.split(".").pop()}.sql`)}`
        : node.resource_type === "snapshot" && /\.ya?ml$/.test(node.original_file_path)
          ? `${node.original_file_path}/${node.path}/${node.name}.sql`
          : node.original_file_path;
  return `${path.posix.join(targetPathRel, folder, node.package_name)}/${file}`;
}

/** dbt writes no compiled file, and leaves compiled_path null, for a snapshot or SQL that renders to nothing. */
export function hasCompiledFile(node: ManifestNode, sql: string): boolean {
  return node.resource_type !== "snapshot" && sql !== "";
}

/**
 * Renders the selected nodes (and with `hooks`, the project hooks) to SQL (ephemeral models as CTEs), fills compiled_code and
 * compiled_path on their manifest entries and writes target/compiled/** (as dbt, nothing for a
 * snapshot or a node whose SQL is empty). Template errors in
 * every node are collected and thrown together as a {@link DiagnosticError}.
 */
export async function compileProject(parsed: ParsedProject, options: CompileOptions = {}): Promise<{ compiled: ManifestNode[]; warehouse?: SyncWarehouse }> {
  const { manifest, session, naming } = parsed;
  const index = indexManifest(manifest, parsed.project.name, naming);
  let warehouse: SyncWarehouse | undefined;
  const queryComment: NodeCompilerOptions["queryComment"] = options.queryComment?.(() => compiler);
  let compiler: NodeCompiler = new NodeCompiler(session, index, { execute: true, fullRender: options.fullRender, empty: options.empty, queryComment });
  const ids = options.selected ?? Object.keys(manifest.nodes);
  const nodes = ids.map((id) => manifest.nodes[id]).filter((n): n is ManifestNode => Boolean(n) && COMPILABLE.has(n.resource_type) && n.config.enabled !== false);
  if (options.hooks) nodes.push(...Object.values(manifest.nodes).filter((n) => n.resource_type === "operation"));
  const diagnostics: Diagnostic[] = [];
  const targetRel = path.relative(parsed.projectDir, parsed.targetPath).split(path.sep).join("/") || ".";
  const writer = new ChangedFileWriter();
  for (const node of nodes) {
    try {
      let result;
      // once the warehouse is open, what a node's templates send there is rolled back after its compile, as dbt's compile does
      const compileNode = () => (warehouse?.rollingBack ? warehouse.rollingBack(() => compiler.compile(node)) : compiler.compile(node));
      try {
        result = await compileNode();
      } catch (e) {
        if (!isWarehouseNeeded(e) || !options.connect) throw e;
        warehouse ??= await options.connect();
        compiler = new NodeCompiler(session, index, { execute: true, warehouse, fullRender: options.fullRender, empty: options.empty, queryComment });
        result = await compileNode();
      }
      node.compiled = true;
      node.compiled_code = result.sql;
      node.extra_ctes_injected = true;
      node.extra_ctes = result.ctes.map((c) => ({ id: c.id, sql: cteDefinition(c) }));
      if (!hasCompiledFile(node, result.sql)) continue;
      node.compiled_path = compiledPathOf(node, targetRel);
      if (options.write !== false) writer.write(path.join(parsed.projectDir, node.compiled_path), result.sql);
    } catch (e) {
      const d = renderErrorToDiagnostic(isWarehouseNeeded(e) ? new Error(`${(cause(e) as Error).message}; configure a reachable target`) : e, node.original_file_path, node.unique_id, () => session.registry.visibleNames(node.package_name));
      diagnostics.push(toFileLines(d, node.original_file_path, fileOnDisk(parsed, node)));
    }
  }
  if (diagnostics.length) throw new DiagnosticError(diagnostics);
  return { compiled: nodes, warehouse };
}

/** Where a node's file is on disk: an installed package's files lie in the package's directory. */
function fileOnDisk(parsed: ParsedProject, node: ManifestNode): string {
  const file = parsed.inputs?.files.find((f) => f.packageName === node.package_name && f.path === node.original_file_path);
  return file?.absolutePath ?? path.join(parsed.projectDir, node.original_file_path);
}

function cause(e: unknown): unknown {
  return (e as { cause?: unknown })?.cause ?? e;
}

function isWarehouseNeeded(e: unknown): boolean {
  return e instanceof WarehouseNeededError || cause(e) instanceof WarehouseNeededError;
}
