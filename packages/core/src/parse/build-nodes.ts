import * as fs from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode, NodeConfig } from "../manifest/types";
import { projectConfigLayers, unrenderedProjectConfigLayers, type ProjectSet } from "./project-layers";
import { unrenderedConfig } from "../config/unrendered-config";
import { mergeConfigs } from "../config/merge-configs";
import type { RenderSession } from "../context/node-context";
import type { CaptureTarget } from "./capture-scope";
import { createNode, defaultNodeConfig } from "./node-factory";
import { dbtFileChecksum } from "./file-checksum";
import { parseSqlNode, type ParseMethod } from "./parse-sql-node";
import { captureHookDependencies } from "./hook-dependencies";
import type { NodePatch } from "./properties";
import type { ProjectFile } from "../project/discover-files";
import { extractBlocks } from "@tsdbt/jinja";
import { checkSeedHeader } from "./seed-header";
import { modelContract } from "./model-contract";
import { parsePythonNode } from "./python/parse-python-node";
import { addConstraintReferences, checkModelContract, modelConstraintsOf } from "./model-constraints";

type SqlResource = "model" | "analysis" | "test" | "snapshot" | "seed";

/** Counts of how nodes were read, for `--debug` and the benchmarks. */
export interface ParseStats {
  static: number;
  rendered: number;
  /** Lookups in the template code cache answered from its file, and not (when the cache is on). */
  templateCache?: { hits: number; misses: number };
}

/** Everything node building needs. */
export interface NodeBuildContext {
  projects: ProjectSet;
  /** Config trees and folder names of installed packages, by package name (root included). */
  session: RenderSession;
  target: CaptureTarget;
  patches: Map<string, NodePatch>;
  diagnostics: Diagnostic[];
  stats: ParseStats;
  /** Render every file (skip the static fast path). */
  fullRender?: boolean;
}


function stripExt(p: string): string {
  return p.replace(/\.[^./]+$/, "");
}

/** The key a patch is filed under. */
export function patchKey(kind: string, packageName: string, name: string): string {
  return `${kind}:${packageName}:${name}`;
}

/** The key a patch is looked up by when its file is read: a model version's file stem, else the resource name. */
export function patchFileKey(patch: NodePatch): string {
  return patchKey(patch.kind, patch.nodePackage ?? patch.packageName, patch.version?.fileStem ?? patch.name);
}

/** The resource a patch describes (each version of a model is its own). */
export function patchResourceKey(patch: Pick<NodePatch, "kind" | "packageName" | "name" | "version" | "nodePackage">): string {
  return patchKey(patch.kind, patch.nodePackage ?? patch.packageName, patch.name) + (patch.version ? `.v${patch.version.v}` : "");
}

/** The resource key of a built node (see {@link patchResourceKey}). */
export function nodeResourceKey(node: ManifestNode): string {
  return patchKey(node.resource_type, node.package_name, node.name) + (node.version !== undefined && node.version !== null ? `.v${node.version}` : "");
}

/** Makes a node built from a model version's file that version: its name, version, id and fqn (dbt's `<name>.v<v>`). */
function becomeVersion(node: ManifestNode, patch: NodePatch): void {
  const version = patch.version!;
  node.name = patch.name;
  node.version = version.v;
  node.latest_version = version.latest;
  node.unique_id = `model.${node.package_name}.${patch.name}.v${version.v}`;
  node.fqn = [...node.fqn.slice(0, -1), patch.name, `v${version.v}`];
}

/**
 * Merges a node's config layers with dbt's precedence (defaults < dbt_project.yml folders
 * < properties YAML < `config()` in the file) and copies tags, meta and docs onto the node;
 * `unrendered_config` gets what the layers set, without the defaults.
 */
export function finaliseConfig(node: ManifestNode, folderLayers: Record<string, unknown>[], patch: NodePatch | undefined, unrenderedLayers: Record<string, unknown>[] = folderLayers): void {
  // dbt 1.10 reads a properties entry's tags from its `config:` only (a top-level `tags:` is ignored)
  // a properties entry's top-level `access:` counts as its config's
  const patchConfig = patch?.access && node.resource_type === "model" ? { ...patch.config, access: patch.access } : (patch?.config ?? {});
  const merged = mergeConfigs(defaultNodeConfig(node.resource_type), ...folderLayers, patchConfig, node.config_call_dict);
  node.config = merged as NodeConfig;
  // what each layer set, without the defaults: dbt_project.yml's values as written, each layer replacing keys whole
  node.unrendered_config = unrenderedConfig(...unrenderedLayers, patch ? patch.config : {}, node.config_call_dict);
  // dbt tags the node while it parses the file (dbt_project.yml, then the file's config()), and adds a
  // properties entry's tags when it applies the entry: the node's order differs from config.tags'
  const fileTags = patch?.config.tags === undefined ? [] : ((mergeConfigs(...folderLayers, node.config_call_dict).tags as string[] | undefined) ?? []);
  node.tags = [...new Set([...fileTags, ...(node.config.tags ?? [])])];
  node.meta = { ...(patch?.meta ?? {}), ...(node.config.meta ?? {}) };
  node.config.meta = node.meta;
  const group = node.config.group ?? patch?.raw.group;
  if (typeof group === "string") node.group = group;
  if (patch) {
    node.description = patch.description;
    node.columns = patch.columns;
    node.patch_path = `${patch.packageName}://${patch.file}`;
    if (patch.docs) node.docs = { show: patch.docs.show ?? true, node_color: patch.docs.node_color ?? null };
  }
  if (node.resource_type === "model") {
    node.access = (node.config.access as ManifestNode["access"]) ?? "protected";
    const raw = patch?.raw ?? {};
    node.constraints = modelConstraintsOf(Array.isArray(raw.constraints) ? raw.constraints : []);
    node.contract = modelContract(node);
    node.version ??= null;
    node.latest_version ??= null;
    const deprecation = patch?.version?.deprecationDate ?? raw.deprecation_date;
    node.deprecation_date = deprecation === undefined || deprecation === null ? null : String(deprecation);
    node.primary_key = [];
    node.time_spine = raw.time_spine && typeof raw.time_spine === "object" ? (raw.time_spine as Record<string, unknown>) : null;
  }
}

/** Builds and parses the node of one SQL (or CSV) file. */
export function buildFileNode(kind: SqlResource, file: ProjectFile, ctx: NodeBuildContext): ManifestNode {
  const name = stripExt(file.pathInRoot.split("/").pop()!);
  const dirs = file.pathInRoot.split("/").slice(0, -1);
  // dbt files an analysis under analysis/ (its compiled path), and its fqn follows that path
  const prefix = kind === "analysis" ? ["analysis"] : [];
  const body = kind === "seed" ? { code: "", firstLine: 1 } : trimmedSource(file.contents);
  const node = createNode({
    resourceType: kind,
    packageName: file.packageName,
    name,
    path: [...prefix, file.pathInRoot].join("/"),
    originalFilePath: file.path,
    fqn: [file.packageName, ...prefix, ...dirs, name],
    rawCode: body.code,
    checksum: dbtFileChecksum(file, kind),
  });
  if (kind === "model" || kind === "analysis" || kind === "snapshot") node.compiled_path = null;
  if (kind === "model" && file.path.endsWith(".py")) node.language = "python";
  if (kind === "seed") node.root_path = file.absolutePath.slice(0, file.absolutePath.length - file.path.length - 1);
  parseNodeBody(node, kind, dirs, ctx, body.firstLine);
  if (kind === "seed" && node.config.enabled !== false) {
    const problem = checkSeedHeader(fileHead(file), node.config.delimiter, file.path, node.unique_id);
    if (problem) ctx.diagnostics.push(problem);
  }
  return node;
}

/**
 * A SQL file's text as dbt keeps it in `raw_code`: without leading and trailing whitespace (so blank
 * lines around a query never reach the compiled SQL), with the file line its first character is on.
 */
export function trimmedSource(contents: string): { code: string; firstLine: number } {
  const lead = contents.slice(0, contents.length - contents.trimStart().length);
  return { code: contents.trim(), firstLine: lead.split("\n").length };
}

/** The buffer {@link fileHead} reads into, allocated once: fresh memory for every seed cost a parse of 100 seeds ~10 ms. */
let headBuffer: Buffer | undefined;

/** The first 64 KB of a file (a seed's header), without reading a large seed whole. */
function fileHead(file: ProjectFile): string {
  try {
    const fd = fs.openSync(file.absolutePath, "r");
    try {
      const buffer = (headBuffer ??= Buffer.allocUnsafeSlow(65536));
      return buffer.toString("utf8", 0, fs.readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return file.contents.slice(0, 65536);
  }
}

/** Folder config, properties patch, and (for SQL) the parse of the body, then the final config. */
export function parseNodeBody(node: ManifestNode, kind: SqlResource, dirs: string[], ctx: NodeBuildContext, lineOffset = 1): void {
  const key = patchKey(kind, node.package_name, node.name);
  const patch = ctx.patches.get(key);
  if (patch) ctx.patches.delete(key);
  const folderLayers = projectConfigLayers(ctx.projects, kind, node.package_name, [...dirs, node.name]);
  if (patch?.version) becomeVersion(node, patch);
  // what `config.get()` sees while the file is parsed; merged only if a template asks
  let preliminary: Record<string, unknown> | undefined;
  const configView = () => (preliminary ??= mergeConfigs(defaultNodeConfig(kind), ...folderLayers, patch?.config ?? {}));
  if (node.language === "python") ctx.diagnostics.push(...parsePythonNode(node, ctx.target, configView, lineOffset));
  else if (kind !== "seed") {
    const { method, diagnostics } = parseSqlNode(ctx.session, node, ctx.target, configView, lineOffset, ctx.fullRender);
    ctx.stats[method satisfies ParseMethod]++;
    ctx.diagnostics.push(...diagnostics);
  }
  finaliseConfig(node, folderLayers, patch, unrenderedProjectConfigLayers(ctx.projects, kind, node.package_name, [...dirs, node.name]));
  if (node.config.enabled !== false) captureHookDependencies(ctx.session, node, ctx.target);
  if (kind === "model") {
    addConstraintReferences(node);
    if (node.config.enabled !== false) ctx.diagnostics.push(...checkModelContract(node, patch ? patch.file : null));
  }
}

/** Snapshot files hold `{% snapshot name %}` blocks: one node per block. */
export function buildSnapshotNodes(file: ProjectFile, ctx: NodeBuildContext): ManifestNode[] {
  const { blocks, errors, warnings } = extractBlocks(file.contents, file.path);
  for (const e of errors) ctx.diagnostics.push({ code: e.code, severity: "error", message: e.message, file: file.path, line: e.line, col: e.col, snippet: e.snippet });
  for (const w of warnings) ctx.diagnostics.push({ code: w.code, severity: "warn", message: w.message, file: file.path, line: w.line, col: w.col, snippet: w.snippet });
  const dirs = file.pathInRoot.split("/").slice(0, -1);
  return blocks
    .filter((b) => b.kind === "snapshot")
    .map((b) => {
      const node = createNode({
        resourceType: "snapshot",
        packageName: file.packageName,
        name: b.name,
        path: file.pathInRoot,
        originalFilePath: file.path,
        fqn: [file.packageName, ...dirs, stripExt(file.pathInRoot.split("/").pop()!), b.name],
        rawCode: b.body,
        checksum: dbtFileChecksum(file, "snapshot"),
      });
      parseNodeBody(node, "snapshot", dirs, ctx, b.bodyLine);
      return node;
    });
}
