import * as fs from "node:fs";
import * as path from "node:path";
import { AdapterError, type AdapterContext, type ProfileTarget } from "@tsdbt/adapter-api";

/** A database attached beside the main one (`attach:` in the profile). */
export interface DuckDbAttachment {
  /** Absolute path (or a URL/`md:` name, left as written). */
  path: string;
  alias: string;
  type: string | null;
  readOnly: boolean;
}

/** A DuckDB target after defaults are applied and paths resolved. */
export interface DuckDbProfile {
  /** Absolute file path, or `:memory:`. */
  path: string;
  schema: string;
  /** The catalog models are built in: the main file's catalog or an attached alias. */
  database: string;
  /** The catalog name DuckDB gives the main file (`jaffle.duckdb` → `jaffle`, `:memory:` → `memory`). */
  mainCatalog: string;
  /** Connections in the pool (dbt's `threads`). */
  threads: number;
  /** Extension names (or paths to `.duckdb_extension` files) to load. */
  extensions: string[];
  /** `SET name = value` run on every connection. */
  settings: Record<string, string | number | boolean>;
  attach: DuckDbAttachment[];
}

const MEMORY = ":memory:";

/**
 * Reads a `type: duckdb` target as dbt-duckdb does: `path` (default
 * `<target-path>/tsdbt.duckdb`, relative paths resolved against the project directory),
 * `schema` (default `main`), `database` (default: the file's catalog name), `threads`,
 * `extensions`, `settings` and `attach`. Throws {@link AdapterError} `TSDBT-E042` for a key
 * of the wrong shape.
 */
export function readDuckDbProfile(target: ProfileTarget, context: AdapterContext): DuckDbProfile {
  const rawPath = optionalString(target, "path");
  const filePath = resolvePath(rawPath ?? path.join(context.targetPath, "tsdbt.duckdb"), context.projectDir);
  checkParentFolder(filePath, [context.projectDir, context.targetPath]);
  const mainCatalog = catalogNameFor(filePath);
  const attach = readAttachments(target, context.projectDir);
  const database = optionalString(target, "database") ?? mainCatalog;
  if (database !== mainCatalog && !attach.some((a) => a.alias === database)) {
    throw invalid(
      "The duckdb target's database is neither the catalog of its path (the file name without its extension) nor an attached alias.",
      "Leave `database` out, set it to the file name without its extension, or attach a database with that alias.",
    );
  }
  const threads = target.threads ?? 1;
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1) {
    throw invalid(`The duckdb target's threads must be a positive whole number, not ${kindOf(threads)}.`, "Set `threads: 4` or similar.");
  }
  return {
    path: filePath,
    schema: optionalString(target, "schema") ?? "main",
    database,
    mainCatalog,
    threads,
    extensions: readExtensions(target.extensions),
    settings: readSettings(target.settings),
    attach,
  };
}

/**
 * tsdbt creates the folder of the DuckDB file only inside the project (or its target path): a
 * `path` under a folder that does not exist elsewhere is a mistake (TSDBT-E042), not a reason to
 * create folders from the filesystem root. The message does not quote the path (a profile value).
 */
function checkParentFolder(filePath: string, roots: readonly string[]): void {
  if (!path.isAbsolute(filePath)) return;
  const parent = path.dirname(filePath);
  if (fs.existsSync(parent)) return;
  const inside = roots.some((root) => {
    const rel = path.relative(path.resolve(root), parent);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  });
  if (!inside) throw invalid("The folder of the duckdb target's `path` does not exist, and it is outside the project, so tsdbt does not create it.", "Create the folder first, or point `path` at a file inside the project (for example `path: target/dev.duckdb`).");
}

/** What kind of value was given, never the value itself (profile values can be secrets). */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "a mapping";
  if (typeof value === "number") return "a number out of range";
  return `a ${typeof value}`;
}

/** DuckDB names a file's catalog after the file name without its extension. */
export function catalogNameFor(filePath: string): string {
  if (filePath === MEMORY || filePath === "") return "memory";
  if (filePath.startsWith("md:")) return filePath.slice(3).split("?")[0] || "my_db";
  const base = path.basename(filePath);
  const dot = base.indexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}

function resolvePath(raw: string, projectDir: string): string {
  if (raw === "" || raw === MEMORY) return MEMORY;
  // A scheme of two or more letters (md:, s3://) is not a file path; one letter is a Windows drive.
  if (/^[a-z][a-z0-9+.-]+:/i.test(raw)) return raw;
  return path.resolve(projectDir, raw);
}

function readExtensions(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid("The duckdb target's extensions must be a list of extension names.", "Write `extensions: [httpfs, parquet]`.");
  return value.map((entry) => {
    if (typeof entry === "string") return entry;
    if (entry && typeof entry === "object" && typeof (entry as { name?: unknown }).name === "string") return (entry as { name: string }).name;
    throw invalid(`A duckdb extension entry is ${kindOf(entry)}, neither a name nor a {name: …} mapping.`, "List extensions by name.");
  });
}

function readSettings(value: unknown): Record<string, string | number | boolean> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalid("The duckdb target's settings must be a mapping of setting names to values.", "Write `settings: {memory_limit: '2GB'}`.");
  const out: Record<string, string | number | boolean> = {};
  for (const [name, setting] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw invalid(`The duckdb setting name '${name}' is not a valid identifier.`, "Use DuckDB's setting names, e.g. memory_limit.");
    if (typeof setting !== "string" && typeof setting !== "number" && typeof setting !== "boolean") {
      throw invalid(`The duckdb setting '${name}' must be a string, number or boolean.`, "Quote the value if in doubt.");
    }
    out[name] = setting;
  }
  return out;
}

function readAttachments(target: ProfileTarget, projectDir: string): DuckDbAttachment[] {
  const value = target.attach;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid("The duckdb target's attach must be a list of {path, alias} mappings.", "See the duckdb adapter documentation for `attach`.");
  return value.map((entry: unknown) => {
    const item = (entry ?? {}) as Record<string, unknown>;
    if (typeof item.path !== "string" || item.path === "") throw invalid(`An attach entry of the duckdb target has no path.`, "Give each attached database a `path`.");
    const resolved = resolvePath(item.path, projectDir);
    return {
      path: resolved,
      alias: typeof item.alias === "string" && item.alias ? item.alias : catalogNameFor(resolved),
      type: typeof item.type === "string" ? item.type : null,
      readOnly: item.read_only === true,
    };
  });
}

function optionalString(target: ProfileTarget, key: string): string | undefined {
  const value = target[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`The duckdb target's ${key} must be a string, not ${kindOf(value)}.`, `Quote the ${key} in profiles.yml.`);
  return value;
}

function invalid(message: string, hint: string): AdapterError {
  return new AdapterError("TSDBT-E042", message, hint);
}
