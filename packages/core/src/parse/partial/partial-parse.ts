import { statSync } from "node:fs";
import { open } from "node:fs/promises";
import * as path from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { ManifestNode, SourceDefinition } from "../../manifest/types";
import { nodeRange, serialisableNode, type ManifestLayout } from "../../manifest/write-manifest";
import { spliceManifest, writePieces, type SplicedManifest } from "../../manifest/splice-manifest";
import type { KnownFile, ProjectFile } from "../../project/discover-files";
import { buildGraph } from "../../graph/build-graph";
import { nulByteDiagnostic } from "../nul-bytes";
import { buildFileNode, patchFileKey, patchKey, type NodeBuildContext, type ParseStats } from "../build-nodes";
import { linkNodes } from "../link-nodes";
import { createParseSession, loadParseInputs, type ParsedProject, type ParseInputs, type ParseSession, type ProjectOptions } from "../parse-project";
import { placeUnversionedLatest } from "../model-versions";
import { readNodePatches, type NodePatch } from "../properties";
import { parseYaml } from "../../yaml/parse-yaml";
import { readOnePatch } from "./one-patch";
import { assignRelationName } from "../relation-naming";
import { checkIdentifierLengths } from "../identifier-limits";
import { isMicrobatchModel } from "../../compile/microbatch-batch";
import { renderDescriptions } from "../render-descriptions";
import { configCallsOf, fileList, fingerprintOf, knownFiles, layoutOf, PARSE_MANIFEST_FILE, readParseState, refTargetsOf, stateLocked, storedLayout, withStateLock, writeParseState, type ParseState, type ResourceCounts } from "./parse-state";
import { updateDependencyMaps } from "./dependency-maps";
import { manifestFromJson } from "./loaded-manifest";

/** A parse that reused the saved state: only changed files were read again. */
export interface PartialParse {
  reused: true;
  /** The manifest.json written. */
  manifestFile: string;
  /** Files read again, relative to their project. */
  changedFiles: string[];
  counts: ResourceCounts;
  warnings: Diagnostic[];
  stats: ParseStats;
  inputs: ParseInputs;
}

/** Why the saved state could not be used (a full parse follows). */
export interface FullParseNeeded {
  reused: false;
  /** A clause that completes "Unable to do partial parsing because …". */
  reason: string;
  /** What was read so far, for the full parse to start from. */
  inputs: ParseInputs;
}

/** A changed file whose node can be rebuilt alone. */
interface ChangedFile {
  file: ProjectFile & { kind: "model" | "analysis" | "test" };
  uniqueId: string;
  /** The properties file describing the node (relative to its package), if any. */
  patchFile: string | null;
  /** What the node depended on before the edit. */
  dependedOn: string[];
  /** The node's primary key as the last full parse inferred it (it follows from YAML only). */
  primaryKey?: string[];
  /** A model version: the model's name (its patch is one version of that model's entry). */
  versionOf?: string;
}

/** The saved parse brought up to date in memory: the new manifest's bytes and what they came from. */
interface UpdatedParse {
  reused: true;
  inputs: ParseInputs;
  state: ParseState;
  parseSession: ParseSession;
  changed: ChangedFile[];
  stats: ParseStats;
  manifest: SplicedManifest;
  /** The saved manifest's bytes, the rebuilt nodes and the new JSON of top-level values, for the in-memory manifest. */
  previous: Buffer;
  rebuilt: ManifestNode[];
  sectionEdits: Map<string, string>;
}

/**
 * Updates target/manifest.json from the parse state saved by the previous parse when only the
 * SQL of models, analyses or singular tests changed: those files are parsed again and their
 * nodes replaced in the manifest; everything else is copied. Any change that can reach other
 * nodes (dbt_project.yml, the profile target, `--vars`, macros, properties YAML, packages, an
 * env var a template read, files added or removed, a node enabled or disabled, a new problem)
 * returns the reason a full parse is needed instead. The result is byte for byte the manifest a
 * full parse writes, apart from timestamps and the invocation id.
 */
export async function tryPartialParse(options: ProjectOptions): Promise<PartialParse | FullParseNeeded> {
  const update = await updateSavedParse(options);
  if (!update.reused) return update;
  const { inputs, state, changed, stats, manifest } = update;
  const manifestFile = path.join(inputs.targetPath, "manifest.json");
  const saved = withStateLock(inputs.targetPath, () => {
    writePieces(manifest.pieces, manifestFile);
    saveState(update, manifestFile);
  });
  if (!saved) writePieces(manifest.pieces, manifestFile);
  return { reused: true, manifestFile, changedFiles: changed.map((c) => c.file.path), counts: state.counts, warnings: state.warnings, stats, inputs };
}

/**
 * The parsed project for commands that go on to compile or run, from the saved parse state as
 * {@link tryPartialParse} brings it up to date, or the reason a full parse is needed. The
 * up-to-date parse-time manifest is kept in {@link PARSE_MANIFEST_FILE}, since the command's
 * own manifest.json will hold compiled SQL.
 */
export async function loadPartialParse(options: ProjectOptions): Promise<{ reused: true; parsed: ParsedProject; changedFiles: string[] } | FullParseNeeded> {
  const update = await updateSavedParse(options);
  if (!update.reused) return update;
  const { inputs, state, parseSession, changed, stats } = update;
  if (changed.length > 0 || state.manifest.file !== PARSE_MANIFEST_FILE) {
    const file = path.join(inputs.targetPath, PARSE_MANIFEST_FILE);
    withStateLock(inputs.targetPath, () => {
      writePieces(update.manifest.pieces, file);
      saveState(update, file);
    });
  }
  // the saved manifest in memory, with the rebuilt nodes and new top-level values put in
  const manifest = manifestFromJson(update.previous.toString("utf8"), state.configCalls);
  for (const n of update.rebuilt) manifest.nodes[n.unique_id] = n;
  for (const [key, text] of update.sectionEdits) (manifest as unknown as Record<string, unknown>)[key] = JSON.parse(text);
  const envVarsRead = new Map<string, string | undefined>(Object.entries(state.envVars).map(([k, v]) => [k, v ?? undefined]));
  for (const [k, v] of parseSession.envVarsRead) envVarsRead.set(k, v);
  let graph: ParsedProject["graph"] | undefined;
  const parsed: ParsedProject = {
    project: inputs.project,
    profile: inputs.profile,
    projectDir: inputs.projectDir,
    targetPath: inputs.targetPath,
    manifest,
    get graph() {
      return (graph ??= buildGraph(manifest));
    },
    diagnostics: state.warnings,
    session: parseSession.session,
    naming: inputs.naming,
    adapterModule: inputs.adapterModule,
    invocationId: parseSession.invocationId,
    cliVars: inputs.cliVars,
    envVarsRead,
    stats,
    inputs,
    macroBlocks: parseSession.macroBlocks,
    saveTemplateCache: () => void parseSession.saveCodeCache(),
  };
  return { reused: true, parsed, changedFiles: changed.map((c) => c.file.path) };
}

/** Writes the state for the manifest just written to `file` from `update`. */
function saveState(update: UpdatedParse, file: string): void {
  const { inputs, state, parseSession, manifest } = update;
  const stat = statSync(file);
  const envVars = { ...state.envVars };
  for (const [name, value] of parseSession.envVarsRead) envVars[name] = value ?? null;
  const saved = { file: path.basename(file), size: stat.size, mtimeMs: stat.mtimeMs, invocationId: parseSession.invocationId, ...storedLayout(manifest.layout) };
  const configCalls = configCallsOf(update.rebuilt, { ...state.configCalls });
  writeParseState(inputs.targetPath, { ...state, envVars, files: fileList(inputs.files), manifest: saved, configCalls });
}

/** The saved parse with changed files parsed again, in memory; or why that cannot be done. */
async function updateSavedParse(options: ProjectOptions): Promise<UpdatedParse | FullParseNeeded> {
  let state: ParseState | string = "there is no saved parse state in target/";
  let known = new Map<string, KnownFile>();
  let previousManifest: Promise<Buffer | string> = Promise.resolve("the saved parse's manifest is missing");
  const inputs = await loadParseInputs(options, (targetPath) => {
    state = stateLocked(targetPath) ? "another tsdbt is saving its parse of this project" : readParseState(targetPath);
    if (typeof state === "string") return undefined;
    known = knownFiles(state);
    // read the manifest on the thread pool while this thread looks at the project's files
    previousManifest = readManifest(path.join(targetPath, state.manifest.file), state);
    return known;
  });
  const full = (reason: string): FullParseNeeded => ({ reused: false, reason, inputs });
  const previous = await previousManifest;
  if (inputs.project.flags.partial_parse === false) return full("it is turned off (flags: partial_parse: false in dbt_project.yml)");
  if (inputs.diagnostics.some((d) => d.severity === "error")) return full("the project's configuration has problems");
  const saved = state as ParseState | string;
  if (typeof saved === "string") return full(saved);
  if (saved.fingerprint !== fingerprintOf(inputs)) return full("dbt_project.yml, the profile, --vars or an installed package changed");
  for (const [name, value] of Object.entries(saved.envVars)) {
    if ((inputs.env[name] ?? null) !== value) return full(`env var ${name} changed`);
  }
  if (typeof previous === "string") return full(previous);
  const layout = layoutOf(saved.manifest);
  const metadata = JSON.parse(previous.toString("utf8", ...layout.sections.metadata)) as Record<string, unknown>;
  if (metadata.invocation_id !== saved.manifest.invocationId) return full(`target/${saved.manifest.file} was written by another command`);
  const changed = changedFiles(inputs.files, known, layout, previous, saved.versioned.map((v) => v.unique_id));
  if (typeof changed === "string") return full(changed);
  const warnedFiles = new Set(saved.warnings.map((w) => w.file));
  const warned = changed.find((c) => warnedFiles.has(c.file.path));
  if (warned) return full(`${warned.file.path} had warnings`);

  // no macro file changed (else the parse is full): their blocks are where the saved parse found them
  const parseSession = createParseSession(inputs, options, saved.macroBlocks);
  const stats: ParseStats = { static: 0, rendered: 0 };
  const rebuilt: ManifestNode[] = [];
  for (const c of changed) {
    const node = rebuildNode(c, inputs, parseSession, stats);
    if (typeof node === "string") return full(node);
    rebuilt.push(node);
  }
  const broken = link(rebuilt, saved, layout, inputs);
  if (broken) return full(broken);
  renderDescriptions(rebuilt, {}, parseSession.docs, parseSession.session, []);

  const sectionEdits = updateDependencyMaps(previous, layout, rebuilt, new Map(changed.map((c) => [c.uniqueId, c.dependedOn])));
  if (typeof sectionEdits === "string") return full(sectionEdits);
  sectionEdits.set("metadata", JSON.stringify(reusedMetadata(metadata, parseSession.invocationId)));
  const nodeEdits = new Map(rebuilt.map((n) => [n.unique_id, JSON.stringify(serialisableNode(n))]));
  const manifest = spliceManifest(previous, layout, { sections: sectionEdits, nodes: nodeEdits });
  return { reused: true, inputs, state: saved, parseSession, changed, stats, manifest, previous, rebuilt, sectionEdits };
}

/** The parse-time manifest a state describes, or why it is not that file. */
async function readManifest(file: string, state: ParseState): Promise<Buffer | string> {
  const name = `target/${path.basename(file)}`;
  try {
    const stat = statSync(file);
    if (stat.size !== state.manifest.size || stat.mtimeMs !== state.manifest.mtimeMs) return `${name} was written by another command`;
    const bytes = await readWhole(file, state.manifest.size);
    const unchanged = bytes.length === state.manifest.size && statSync(file).mtimeMs === state.manifest.mtimeMs;
    return unchanged ? bytes : `${name} changed while it was read`;
  } catch {
    return `${name} is missing`;
  }
}

/**
 * A file's first `size` bytes in as few reads on the thread pool as the system allows (usually
 * one), so the read goes on while this thread works; `readFile` would need this thread between
 * each of its 512 KB reads.
 */
async function readWhole(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === size ? bytes : bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

const ID_PREFIX: Record<string, string> = { model: "model", analysis: "analysis", test: "test" };

/** The files whose checksum changed, or why they cannot be parsed alone. `versionedIds`: the saved model versions. */
function changedFiles(files: ProjectFile[], known: ReadonlyMap<string, KnownFile>, layout: ManifestLayout, manifest: Buffer, versionedIds: string[]): ChangedFile[] | string {
  if (files.length !== known.size) return "files were added or removed";
  const nodeAt = (range: [number, number]) => JSON.parse(manifest.toString("utf8", ...range)) as ManifestNode;
  // a model version's id is not its file's name (dim_customers_v2.sql, or dim_customers.sql for the latest): found by path
  let versionsByPath: Map<string, string> | undefined;
  const versionAt = (f: ProjectFile): string | undefined => {
    versionsByPath ??= new Map(
      versionedIds.flatMap((id) => {
        const range = nodeRange(layout, id);
        const node = range ? nodeAt(range) : undefined;
        return node ? [[`${node.package_name}:${node.original_file_path}`, id] as [string, string]] : [];
      }),
    );
    return versionsByPath.get(`${f.packageName}:${f.path}`);
  };
  const out: ChangedFile[] = [];
  for (const f of files) {
    const saved = known.get(f.absolutePath);
    if (!saved) return `${f.path} is new`;
    if (saved.checksum === f.checksum) continue;
    const prefix = ID_PREFIX[f.kind];
    if (!prefix) return `${f.path} changed`;
    let uniqueId = `${prefix}.${f.packageName}.${nameOf(f)}`;
    let range = nodeRange(layout, uniqueId);
    if (!range && f.kind === "model") {
      const versionId = versionAt(f);
      if (versionId) range = nodeRange(layout, (uniqueId = versionId));
    }
    if (!range) return `${f.path} changed and its node was disabled`;
    const before = nodeAt(range);
    if (before.original_file_path !== f.path) return `${f.path} changed`;
    const versioned = before.version !== undefined && before.version !== null;
    out.push({
      file: f as ChangedFile["file"],
      uniqueId,
      patchFile: before.patch_path?.replace(/^[^:]+:\/\//, "") ?? null,
      dependedOn: before.depends_on.nodes,
      primaryKey: before.primary_key,
      ...(versioned ? { versionOf: before.name } : {}),
    });
  }
  return out;
}

/** The node name a SQL file defines: its file name without the extension. */
function nameOf(file: ProjectFile): string {
  return path.posix.basename(file.pathInRoot).replace(/\.[^.]+$/, "");
}

/** Parses one changed file into its node, with its properties patch; a string says why it cannot be. */
function rebuildNode({ file, uniqueId, patchFile, primaryKey, versionOf }: ChangedFile, inputs: ParseInputs, parseSession: ParseSession, stats: ParseStats): ManifestNode | string {
  const diagnostics: Diagnostic[] = [];
  // a file with NUL bytes (E065) is reported by the full parse
  if (nulByteDiagnostic(file)) return `${file.path} holds NUL bytes`;
  let patches = new Map<string, NodePatch>();
  if (patchFile !== null) {
    const yamlFile = inputs.files.find((f) => f.kind === "properties" && f.packageName === file.packageName && f.path === patchFile);
    if (!yamlFile) return `${patchFile} is missing`;
    if (versionOf !== undefined) patches = versionPatches(yamlFile, versionOf, inputs, parseSession);
    else {
      const patch = file.kind === "test" ? undefined : readOnePatch(yamlFile, file.kind, nameOf(file), parseSession.renderProperties);
      if (!patch) return `${patchFile} no longer describes ${file.path}`;
      patches.set(patchKey(patch.kind, patch.packageName, patch.name), patch);
    }
  }
  const { location, naming } = inputs;
  const ctx: NodeBuildContext = { projects: inputs.projects, session: parseSession.session, target: { database: location.database, schema: location.schema, quote: naming.quote, quoting: naming.quoting, relation: naming.relation }, patches, diagnostics, stats };
  const node = buildFileNode(file.kind, file, ctx);
  if (diagnostics.length) return `${file.path} has problems`;
  if (node.unique_id !== uniqueId || node.config.enabled === false) return `${file.path} now defines a disabled or different node`;
  if (node.resource_type === "model") node.primary_key = primaryKey ?? [];
  assignRelationName(node, parseSession.session, naming);
  if (checkIdentifierLengths([node], inputs.adapterModule.dialect?.maxIdentifierBytes, inputs.profile.target.type).length) return `${file.path} names a relation too long for the target`;
  // microbatch checks read the model's inputs too (their event_time): the full parse makes them
  if (isMicrobatchModel(node) || (node.config.event_time !== null && node.config.event_time !== undefined)) return `${file.path} is a microbatch model or an input of one`;
  return node;
}

/**
 * The patches of every version of model `name` from its properties file, filed by the file each
 * version is read from (`<name>_v<v>`, `defined_in`, or the unversioned file for the latest), as
 * a full parse files them.
 */
function versionPatches(yamlFile: ProjectFile, name: string, inputs: ParseInputs, parseSession: ParseSession): Map<string, NodePatch> {
  const parsed = parseSession.renderProperties(parseYaml(yamlFile.contents, yamlFile.path), yamlFile.packageName, []);
  const versions = readNodePatches({ packageName: yamlFile.packageName, parsed }, []).filter((p) => p.kind === "model" && p.name === name && p.version);
  const patches = new Map(versions.map((p) => [patchFileKey(p), p]));
  placeUnversionedLatest(patches, inputs.files.filter((f) => f.kind === "model"));
  return patches;
}

/** Resolves the refs and sources of rebuilt nodes against the saved state; a reason on any problem. */
function link(nodes: ManifestNode[], state: ParseState, layout: ManifestLayout, inputs: ParseInputs): string | undefined {
  const rebuiltIds = new Set(nodes.map((n) => n.unique_id));
  const targets = [...(refTargetsOf(state, layout).filter((t) => !rebuiltIds.has(t.unique_id)) as ManifestNode[]), ...nodes];
  const sources: Record<string, SourceDefinition> = {};
  for (const [source_name, name, unique_id] of state.sources) sources[unique_id] = { source_name, name, unique_id } as SourceDefinition;
  const disabled = state.disabledNames.map((name) => ({ name, resource_type: "model" }) as ManifestNode);
  const problems = linkNodes(nodes, sources, disabled, inputs.project.name, targets);
  return problems.length ? `${problems[0].file ?? "a changed file"} has a broken ref or source` : undefined;
}

/**
 * The metadata of a manifest a partial parse reuses, as dbt rewrites it: a new `generated_at` and
 * `invocation_id`, and the `invocation_started_at` of the invocation that parsed the project, which
 * dbt reads back as a datetime and writes with Python's `isoformat()` (`…T14:28:23.838000+00:00`).
 */
export function reusedMetadata(metadata: Record<string, unknown>, invocationId: string): Record<string, unknown> {
  const started = typeof metadata.invocation_started_at === "string" ? /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{6}))?Z$/.exec(metadata.invocation_started_at) : null;
  const invocationStartedAt = started ? `${started[1]}${started[2] && started[2] !== "000000" ? `.${started[2]}` : ""}+00:00` : metadata.invocation_started_at;
  return { ...metadata, generated_at: new Date().toISOString(), invocation_id: invocationId, ...(invocationStartedAt === undefined ? {} : { invocation_started_at: invocationStartedAt }) };
}
