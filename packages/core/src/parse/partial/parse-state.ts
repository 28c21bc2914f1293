import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic";
import type { Manifest, ManifestNode } from "../../manifest/types";
import { ChunkWriter, writeManifestWithLayout, type ByteRange, type ManifestLayout } from "../../manifest/write-manifest";
import type { KnownFile, ProjectFile } from "../../project/discover-files";
import type { ParsedProject, ParseInputs } from "../parse-project";
import type { BlockPlace } from "../macro-block-places";

/** The file in target/ that holds the saved parse state. */
export const PARSE_STATE_FILE = "partial_parse.json";
/**
 * Where commands other than `parse` keep the parse-time manifest (their manifest.json also holds
 * compiled SQL, so it cannot be the starting point of the next parse).
 */
export const PARSE_MANIFEST_FILE = "partial_parse_manifest.json";
/** Bumped whenever the state's shape or the parse's output changes meaning. */
const FORMAT = 9;
const TSDBT_VERSION = (require("../../../package.json") as { version: string }).version;
const CHECKSUM_LENGTH = 64;
const REFERABLE = new Set(["model", "seed", "snapshot"]);

/** How many resources of each kind a manifest holds (dbt's "Found 7 models, …" line). */
export interface ResourceCounts {
  /** By resource type (`model`, `test`, `seed`, …). */
  nodes: Record<string, number>;
  sources: number;
  macros: number;
  /** Resources outside `nodes` besides sources and macros, by type (`exposure`, `metric`, `semantic_model`, `saved_query`, `unit_test`, `group`). */
  others?: Record<string, number>;
}

/** What a node needs to know to resolve `ref()` to another node. */
export type RefTarget = Pick<ManifestNode, "unique_id" | "name" | "package_name" | "version" | "latest_version" | "resource_type">;

/**
 * What a full parse leaves in target/ so the next parse can redo only what changed: the inputs
 * every node depends on (as one fingerprint), the env vars templates read, each file's checksum,
 * and where each node sits in the manifest.json written with it. Long lists are stored as
 * joined strings and number arrays: the state is read on every parse and must load fast.
 */
export interface ParseState {
  format: number;
  tsdbtVersion: string;
  /** Hash of dbt_project.yml, the profile target, `--vars`, installed packages and the target location. */
  fingerprint: string;
  /** Env vars templates read during the parse, with the value they saw (null: unset). */
  envVars: Record<string, string | null>;
  /** The parse-time manifest this state describes (any other file there means a full parse) and its layout. */
  manifest: {
    /** Its name in the target folder: manifest.json (after `tsdbt parse`) or {@link PARSE_MANIFEST_FILE}. */
    file: string;
    size: number;
    mtimeMs: number;
    /** The invocation id written in its metadata. */
    invocationId: string;
    sections: Record<string, ByteRange>;
    /** Node ids in manifest order, joined by newlines. */
    nodeIds: string;
    /** `[start, end)` of each node's JSON, two numbers per id ({@link packNumbers}). */
    nodeRanges: string;
  };
  /** Every file the parse read: absolute paths joined by newlines, sha256 checksums concatenated, sizes and mtimes ({@link packNumbers}). */
  files: { paths: string; checksums: string; sizes: string; mtimes: string };
  /** Versioned models (every other ref target's name and package are read from its unique id). */
  versioned: RefTarget[];
  /** Names of disabled models, seeds and snapshots (a ref to one is its own error). */
  disabledNames: string[];
  /** Every enabled source as `[source_name, table name, unique_id]`. */
  sources: [string, string, string][];
  /** Warnings of the parse, printed again when its result is reused. */
  warnings: Diagnostic[];
  /**
   * Each node's `config()` call arguments (`config_call_dict`), where it has any: dbt leaves them
   * out of manifest.json, but templates see them in `model`, so a reused parse puts them back.
   */
  configCalls: Record<string, Record<string, unknown>>;
  counts: ResourceCounts;
  /** Where the blocks of the project's macro files are, by absolute path: a partial parse (where none changed) need not split them again. */
  macroBlocks: Record<string, BlockPlace[]>;
}

/** Numbers as base64 of their float64 bytes: a tenth of the time of a JSON array to write and read. */
function packNumbers(numbers: readonly number[]): string {
  return Buffer.from(Float64Array.from(numbers).buffer).toString("base64");
}

/** The numbers {@link packNumbers} packed. */
function unpackNumbers(packed: string): number[] {
  const bytes = Buffer.from(packed, "base64");
  return Array.from(new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
}

/** The order dbt parses a project's files in (its "Found" line lists node kinds as they first appeared). */
const PARSE_ORDER = ["model", "snapshot", "analysis", "singular test", "seed", "operation"];

/**
 * Counts a manifest's resources by kind. `nodes` lists kinds in dbt's order: the root project's,
 * then each package's, by parse order (models, snapshots, analyses, singular tests, seeds, hooks),
 * then generic tests and the rest.
 */
export function countResources(manifest: Manifest): ResourceCounts {
  const byType: Record<string, number> = {};
  const present = new Set<string>();
  for (const n of Object.values(manifest.nodes)) {
    if (n.config?.enabled === false) continue;
    byType[n.resource_type] = (byType[n.resource_type] ?? 0) + 1;
    present.add(`${n.package_name}\0${n.resource_type === "test" && !n.test_metadata ? "singular test" : n.resource_type}`);
  }
  const root = manifest.metadata.project_name ?? "";
  const packages = [root, ...new Set(Object.values(manifest.nodes).map((n) => n.package_name).filter((p) => p !== root))];
  const order: string[] = [];
  for (const pkg of packages) for (const kind of PARSE_ORDER) if (present.has(`${pkg}\0${kind}`)) order.push(kind === "singular test" ? "test" : kind);
  const nodes: Record<string, number> = {};
  for (const type of [...order, "test", ...Object.keys(byType)]) if (byType[type] && !(type in nodes)) nodes[type] = byType[type];
  const size = (section: Record<string, unknown> | undefined) => Object.keys(section ?? {}).length;
  const others = { exposure: size(manifest.exposures), metric: size(manifest.metrics), group: size(manifest.groups), semantic_model: size(manifest.semantic_models), saved_query: size(manifest.saved_queries), unit_test: size(manifest.unit_tests) };
  return { nodes, sources: Object.keys(manifest.sources).length, macros: Object.keys(manifest.macros).length, others };
}

/**
 * One hash of every input that can change any node: the rendered dbt_project.yml, the chosen
 * profile target, `--vars`, installed packages' configs, the target path and location.
 * File contents are compared one by one instead (see {@link ParseState.files}).
 */
export function fingerprintOf(inputs: ParseInputs): string {
  const { project, profile, cliVars, targetPath, projects } = inputs;
  const text = JSON.stringify({
    project,
    target: profile.target,
    targetName: profile.targetName,
    profileName: profile.profileName,
    threads: profile.threads,
    cliVars,
    packages: [...projects.packages.values()],
    targetPath,
    location: inputs.location,
  });
  return createHash("sha256").update(text).digest("hex");
}

/** The files of a state by absolute path, as discovery takes them. */
export function knownFiles(state: ParseState): Map<string, KnownFile> {
  const known = new Map<string, KnownFile>();
  const { paths, checksums } = state.files;
  const sizes = unpackNumbers(state.files.sizes);
  const mtimes = unpackNumbers(state.files.mtimes);
  paths.split("\n").forEach((p, i) => known.set(p, { size: sizes[i], mtimeMs: mtimes[i], checksum: checksums.slice(i * CHECKSUM_LENGTH, (i + 1) * CHECKSUM_LENGTH) }));
  return known;
}

/** Files changed this recently may change again within the file system's timestamp granularity. */
const RACY_MS = 2000;

/**
 * The file list of a state from project files. A file modified in the last moments before the
 * state is written gets no trusted mtime (-1), so the next parse reads and hashes it again: an
 * edit within the file system's timestamp granularity could otherwise go unseen.
 */
export function fileList(files: readonly ProjectFile[], now = Date.now()): ParseState["files"] {
  const mtimes = files.map((f) => (f.mtimeMs > now - RACY_MS ? -1 : f.mtimeMs));
  return { paths: files.map((f) => f.absolutePath).join("\n"), checksums: files.map((f) => f.checksum).join(""), sizes: packNumbers(files.map((f) => f.size)), mtimes: packNumbers(mtimes) };
}

/** A manifest layout as the state stores it. */
export function storedLayout(layout: ManifestLayout): Pick<ParseState["manifest"], "sections" | "nodeIds" | "nodeRanges"> {
  return { sections: layout.sections, nodeIds: layout.nodeIds.join("\n"), nodeRanges: packNumbers(layout.nodeRanges) };
}

/** The layout a state stores. */
export function layoutOf(manifest: ParseState["manifest"]): ManifestLayout {
  return { sections: manifest.sections, nodeIds: manifest.nodeIds === "" ? [] : manifest.nodeIds.split("\n"), nodeRanges: unpackNumbers(manifest.nodeRanges) };
}

/** Every enabled model, seed and snapshot of a state, for resolving refs. */
export function refTargetsOf(state: ParseState, layout: ManifestLayout): RefTarget[] {
  const versionedIds = new Set(state.versioned.map((v) => v.unique_id));
  const out: RefTarget[] = [...state.versioned];
  for (const id of layout.nodeIds) {
    const first = id.indexOf(".");
    const type = id.slice(0, first);
    if (!REFERABLE.has(type) || versionedIds.has(id)) continue;
    const second = id.indexOf(".", first + 1);
    out.push({ unique_id: id, resource_type: type as RefTarget["resource_type"], package_name: id.slice(first + 1, second), name: id.slice(second + 1), version: null, latest_version: null });
  }
  return out;
}

/** The state describing `parsed` and the manifest just written from it to `manifestFile` (in the target folder). */
export function buildParseState(parsed: ParsedProject, manifestFile: string, layout: ManifestLayout): ParseState {
  const { manifest, inputs } = parsed;
  const stat = statSync(manifestFile);
  return {
    format: FORMAT,
    tsdbtVersion: TSDBT_VERSION,
    fingerprint: fingerprintOf(inputs),
    envVars: Object.fromEntries([...parsed.envVarsRead].map(([k, v]) => [k, v ?? null])),
    manifest: { file: path.basename(manifestFile), size: stat.size, mtimeMs: stat.mtimeMs, invocationId: parsed.invocationId, ...storedLayout(layout) },
    files: fileList(inputs.files),
    versioned: Object.values(manifest.nodes)
      .filter((n) => REFERABLE.has(n.resource_type) && n.version !== undefined && n.version !== null)
      .map((n) => ({ unique_id: n.unique_id, name: n.name, package_name: n.package_name, version: n.version, latest_version: n.latest_version, resource_type: n.resource_type })),
    disabledNames: (Object.values(manifest.disabled).flat() as ManifestNode[]).filter((n) => REFERABLE.has(n.resource_type)).map((n) => n.name),
    sources: Object.values(manifest.sources).map((s) => [s.source_name, s.name, s.unique_id]),
    warnings: parsed.diagnostics.filter((d) => d.severity !== "error"),
    configCalls: configCallsOf([...Object.values(manifest.nodes), ...(Object.values(manifest.disabled).flat() as ManifestNode[])]),
    counts: countResources(manifest),
    macroBlocks: parsed.macroBlocks,
  };
}

/** The non-empty `config_call_dict` of each node, by unique id (see {@link ParseState.configCalls}). */
export function configCallsOf(nodes: readonly ManifestNode[], into: Record<string, Record<string, unknown>> = {}): Record<string, Record<string, unknown>> {
  for (const n of nodes) {
    if (n.config_call_dict && Object.keys(n.config_call_dict).length > 0) into[n.unique_id] = n.config_call_dict;
    else delete into[n.unique_id];
  }
  return into;
}

/**
 * Writes `parsed`'s manifest to `name` in the target folder (manifest.json for `tsdbt parse`,
 * {@link PARSE_MANIFEST_FILE} for commands whose manifest.json will hold compiled SQL) and the
 * parse state describing it; returns the manifest's path. While another tsdbt on the same
 * project holds the state lock, the state is not saved (manifest.json still is).
 */
export function saveParse(parsed: ParsedProject, name = PARSE_MANIFEST_FILE): string {
  const file = path.join(parsed.targetPath, name);
  const saved = withStateLock(parsed.targetPath, () => {
    const { layout } = writeManifestWithLayout(parsed.targetPath, parsed.manifest, name);
    writeParseState(parsed.targetPath, buildParseState(parsed, file, layout));
  });
  if (!saved && name === "manifest.json") writeManifestWithLayout(parsed.targetPath, parsed.manifest, name);
  return file;
}

const LOCK_FILE = "partial_parse.lock";
/** A lock this old was left by a process that died; it is taken over. */
const STALE_LOCK_MS = 60_000;

/** Whether another tsdbt is writing the parse state of this target folder now. */
export function stateLocked(targetPath: string): boolean {
  const lock = path.join(targetPath, LOCK_FILE);
  try {
    return existsSync(lock) && Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS;
  } catch {
    return false;
  }
}

/**
 * Runs `write` holding target/partial_parse.lock, so two commands on one project (an orchestrator
 * running two selections at once) never write the parse state, or the manifest it describes, at
 * the same time. Returns false without running it when another process holds the lock.
 */
export function withStateLock(targetPath: string, write: () => void): boolean {
  const lock = path.join(targetPath, LOCK_FILE);
  mkdirSync(targetPath, { recursive: true });
  try {
    closeSync(openSync(lock, "wx"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST" || stateLocked(targetPath)) return false;
    try {
      unlinkSync(lock);
      closeSync(openSync(lock, "wx"));
    } catch {
      return false;
    }
  }
  try {
    write();
    return true;
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // removed by a process that took it for stale
    }
  }
}

/** Writes the state next to the manifest. */
export function writeParseState(targetPath: string, state: ParseState): void {
  const out = new ChunkWriter(path.join(targetPath, PARSE_STATE_FILE));
  try {
    out.write(JSON.stringify(state));
    out.close();
  } catch (e) {
    out.abandon();
    throw e;
  }
}

/** The saved state, or why there is none that can be used. */
export function readParseState(targetPath: string): ParseState | string {
  let state: ParseState;
  try {
    state = JSON.parse(readFileSync(path.join(targetPath, PARSE_STATE_FILE), "utf8")) as ParseState;
  } catch {
    return "there is no saved parse state in target/";
  }
  if (state?.format !== FORMAT || state.tsdbtVersion !== TSDBT_VERSION) return "the saved parse state is from another version of tsdbt";
  const { files, manifest } = state;
  const texts = [files?.paths, files?.checksums, files?.sizes, files?.mtimes, manifest?.file, manifest?.nodeIds, manifest?.nodeRanges];
  const lists = [state.versioned, state.disabledNames, state.sources, state.warnings];
  if (!texts.every((t) => typeof t === "string") || !lists.every(Array.isArray)) return "the saved parse state is damaged";
  return state;
}
