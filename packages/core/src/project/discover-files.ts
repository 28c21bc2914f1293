import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent } from "node:fs";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import * as path from "node:path";
import type { ProjectConfig } from "./project-config";

/** What a project file is, by the resource path it sits under and its extension. */
export type ProjectFileKind = "model" | "analysis" | "test" | "snapshot" | "macro" | "seed" | "properties" | "doc" | "fixture";

/** One file of a project, read. */
export interface ProjectFile {
  kind: ProjectFileKind;
  /** Name of the project the file belongs to. */
  packageName: string;
  /** Path relative to the project directory, `/`-separated (`models/staging/stg_orders.sql`). */
  path: string;
  /** The resource path it was found under (`models`). */
  root: string;
  /** Path relative to `root` (`staging/stg_orders.sql`). */
  pathInRoot: string;
  absolutePath: string;
  contents: string;
  /** sha256 of `contents`, hex: unchanged hash means the parse can be reused. */
  checksum: string;
  /** Size in bytes and modification time when read (to tell unchanged files without reading them). */
  size: number;
  mtimeMs: number;
}

/** A file's checksum as recorded earlier, trusted while its size and modification time are the same. */
export interface KnownFile {
  size: number;
  mtimeMs: number;
  checksum: string;
}

/** Options of {@link discoverProjectFiles}. */
export interface DiscoverOptions {
  /**
   * Files seen before, by absolute path: one whose size and mtime still match is not read now;
   * its checksum is taken from here and its `contents` are read if and when asked for.
   */
  known?: ReadonlyMap<string, KnownFile>;
}

interface Rule {
  roots: (p: ProjectConfig) => string[];
  kind: (ext: string, pathInRoot: string) => ProjectFileKind | undefined;
}

const PROPERTIES = new Set([".yml", ".yaml"]);
const withProperties = (main: string, kind: ProjectFileKind) => (ext: string) => (ext === main ? kind : PROPERTIES.has(ext) ? "properties" : undefined);

const RULES: Rule[] = [
  // Python models (`.py`) are parsed and compiled as dbt does; building one fails, as tsdbt does not run Python
  { roots: (p) => p.modelPaths, kind: (ext) => (ext === ".py" ? "model" : withProperties(".sql", "model")(ext)) },
  { roots: (p) => p.analysisPaths, kind: withProperties(".sql", "analysis") },
  {
    roots: (p) => p.testPaths,
    // tests/generic/** holds generic test definitions, which dbt reads as macros; tests/fixtures/**
    // the CSV and SQL files unit tests name as `fixture:` (read by the unit tests, not tests themselves).
    kind: (ext, inRoot) => {
      if (inRoot.startsWith("fixtures/") && (ext === ".csv" || ext === ".sql")) return "fixture";
      if (ext === ".sql") return inRoot.startsWith("generic/") ? "macro" : "test";
      return PROPERTIES.has(ext) ? "properties" : undefined;
    },
  },
  { roots: (p) => p.snapshotPaths, kind: withProperties(".sql", "snapshot") },
  { roots: (p) => p.macroPaths, kind: withProperties(".sql", "macro") },
  { roots: (p) => p.seedPaths, kind: withProperties(".csv", "seed") },
  { roots: (p) => p.docsPaths, kind: (ext) => (ext === ".md" ? "doc" : undefined) },
];

/**
 * Every file under the project's resource paths, read and classified:
 * `.sql` as models/analyses/tests/snapshots/macros by folder (and `.py` as models), `.csv` seeds, `.yml`/`.yaml`
 * properties, `.md` docs (under docs-paths). Hidden folders, the target, log and package
 * folders are skipped; a file reached from two roots of the same kind is listed once.
 * Sorted by path.
 *
 * Files are read with synchronous calls in batches, yielding to the event loop between
 * batches: on 5,000 small files that is about ten times faster than `fs/promises.readFile`,
 * whose open/stat/read/close round trips through the thread pool dominate.
 */
export async function discoverProjectFiles(project: ProjectConfig, projectDir: string = project.projectDir, options: DiscoverOptions = {}): Promise<ProjectFile[]> {
  const base = path.resolve(projectDir);
  const skip = new Set([project.targetPath, project.logPath, project.packagesInstallPath, "node_modules"].map((p) => path.resolve(base, p)));
  const found = new Map<string, { kind: ProjectFileKind; root: string; path: string; pathInRoot: string; absolutePath: string }>();
  const listed = new Map<string, string[]>();
  for (const rule of RULES) {
    for (const root of new Set(rule.roots(project))) {
      const rootDir = path.resolve(base, root);
      let files = listed.get(rootDir);
      if (!files) listed.set(rootDir, (files = listFiles(rootDir, skip)));
      const rootPrefix = toPosix(path.relative(base, rootDir));
      for (const absolutePath of files) {
        const pathInRoot = toPosix(absolutePath.slice(rootDir.length + 1));
        const kind = rule.kind(extension(absolutePath), pathInRoot);
        if (!kind) continue;
        const rel = rootPrefix === "" ? pathInRoot : `${rootPrefix}/${pathInRoot}`;
        const key = `${kind === "properties" || kind === "doc" ? kind : "node"}\0${rel}`;
        if (!found.has(key)) found.set(key, { kind, root: toPosix(root), path: rel, pathInRoot, absolutePath });
      }
    }
  }
  const entries = [...found.values()];
  const read = await readInBatches(entries.map((e) => e.absolutePath), options.known);
  const files = entries.map((e, i): ProjectFile => {
    const { bytes, size, mtimeMs, checksum } = read[i];
    const where = { kind: e.kind, packageName: project.name, path: e.path, root: e.root, pathInRoot: e.pathInRoot, absolutePath: e.absolutePath, size, mtimeMs };
    if (!bytes) return new UnreadFile(where, checksum!);
    return { ...where, contents: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : 1));
}

/** A known, unchanged file: its contents are read on first use. */
class UnreadFile implements ProjectFile {
  kind!: ProjectFileKind;
  packageName!: string;
  path!: string;
  root!: string;
  pathInRoot!: string;
  absolutePath!: string;
  size!: number;
  mtimeMs!: number;
  private text: string | undefined;

  constructor(
    where: Omit<ProjectFile, "contents" | "checksum">,
    readonly checksum: string,
  ) {
    Object.assign(this, where);
  }

  get contents(): string {
    return (this.text ??= readFileSync(this.absolutePath, "utf8"));
  }
}

const READ_BATCH = 500;

interface ReadFile {
  /** The contents, unless the file was known and unchanged. */
  bytes?: Buffer;
  checksum?: string;
  size: number;
  mtimeMs: number;
}

/**
 * Reads files synchronously in batches, letting other work run between batches; a known file
 * whose size and mtime match is only stat'ed.
 */
async function readInBatches(files: string[], known: ReadonlyMap<string, KnownFile> | undefined): Promise<ReadFile[]> {
  const out: ReadFile[] = new Array<ReadFile>(files.length);
  for (let start = 0; start < files.length; start += READ_BATCH) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(files.length, start + READ_BATCH);
    for (let i = start; i < end; i++) {
      const before = known?.get(files[i]);
      if (before) {
        const stat = statSync(files[i]);
        if (stat.size === before.size && stat.mtimeMs === before.mtimeMs) {
          out[i] = { checksum: before.checksum, size: stat.size, mtimeMs: stat.mtimeMs };
          continue;
        }
      }
      out[i] = readWithStat(files[i]);
    }
  }
  return out;
}

/** A file's bytes with the size and mtime of what was read. */
function readWithStat(file: string): ReadFile {
  const fd = openSync(file, "r");
  try {
    const stat = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < stat.size) {
      const n = readSync(fd, bytes, filled, stat.size - filled, null);
      if (n === 0) break;
      filled += n;
    }
    return { bytes: filled === stat.size ? bytes : bytes.subarray(0, filled), size: filled, mtimeMs: stat.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** Every file under `dir`, recursively; nothing when `dir` does not exist. */
function listFiles(dir: string, skip: ReadonlySet<string>, out: string[] = []): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    const isDirectory = entry.isSymbolicLink() ? isDirectorySafe(full) : entry.isDirectory();
    if (isDirectory) {
      if (!skip.has(full)) listFiles(full, skip, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      out.push(full);
    }
  }
  return out;
}

function isDirectorySafe(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return path.sep === "/" ? p : p.split(path.sep).join("/");
}

function extension(file: string): string {
  const dot = file.lastIndexOf(".");
  return dot > file.lastIndexOf(path.sep) ? file.slice(dot).toLowerCase() : "";
}
