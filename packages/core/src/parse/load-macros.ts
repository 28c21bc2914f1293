import * as fs from "node:fs";
import * as path from "node:path";
import { extractBlocks, type TopLevelBlock } from "@tsdbt/jinja";
import type { Diagnostic } from "../diagnostics/diagnostic";
import type { DocDefinition, MacroDefinition } from "../manifest/types";
import { BUILTIN_PACKAGE, type MacroRegistry, type RegisteredMacro } from "../context/macro-registry";
import { storedBlocks, type StoredBlock } from "./builtin-macro-index";

/** A file holding macros (or docs blocks), with the package it belongs to. */
export interface BlockFile {
  packageName: string;
  /** Path relative to the project (or package) root, as written in the manifest. */
  path: string;
  /** Path relative to the resource folder. */
  relPath?: string;
  /** A project file's path relative to the folder it was found under (its docs block's `path`, as dbt records it). */
  pathInRoot?: string;
  contents: string;
  /** A built-in file's blocks as the build's index holds them for this text (builtin-macro-index.ts). */
  blocks?: StoredBlock[];
}

/** Where tsdbt's own macros live: packages/core/include/macros. */
export const BUILTIN_MACROS_DIR = path.join(__dirname, "..", "..", "include", "macros");

/** Reads the `.sql` macro files of a folder as built-ins (once per folder and process), with their blocks from the build's index. */
const builtinFiles = new Map<string, BlockFile[]>();
export function builtinMacroFiles(dir: string = BUILTIN_MACROS_DIR): BlockFile[] {
  let files = builtinFiles.get(dir);
  if (!files) {
    files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort()
      .map((f) => {
        const contents = fs.readFileSync(path.join(dir, f), "utf8");
        return { packageName: BUILTIN_PACKAGE, path: `macros/${f}`, relPath: f, contents, blocks: storedBlocks(dir, f, contents) };
      });
    builtinFiles.set(dir, files);
  }
  return files;
}

function macroEntry(m: RegisteredMacro, file: BlockFile, written: string): MacroDefinition {
  // dbt's key order
  return {
    name: m.name,
    resource_type: "macro",
    package_name: m.packageName,
    path: file.path,
    original_file_path: file.path,
    unique_id: m.uniqueId,
    // the block as written (a test as `{% test %}`), with the blank space dbt's block reader keeps
    macro_sql: written,
    depends_on: { macros: [] },
    description: "",
    meta: {},
    docs: { show: true, node_color: null },
    patch_path: null,
    arguments: [],
    created_at: Date.now() / 1000,
    supported_languages: null,
  };
}

/**
 * Registers every `{% macro %}`, `{% test %}` and `{% materialization %}` block of the given
 * files. Returns the manifest entries; two macros with one name in one package are an error.
 * `onSplit` sees the blocks of each file split here (not given its `blocks`) without an error or warning.
 */
export function loadMacros(files: BlockFile[], registry: MacroRegistry, onSplit?: (file: BlockFile, blocks: TopLevelBlock[]) => void): { macros: Record<string, MacroDefinition>; diagnostics: Diagnostic[] } {
  const macros: Record<string, MacroDefinition> = {};
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const { blocks, errors, warnings } = file.blocks ? { blocks: file.blocks.map(storedBlock), errors: [], warnings: [] } : extractBlocks(file.contents, file.path);
    if (!file.blocks && errors.length === 0 && warnings.length === 0) onSplit?.(file, blocks as TopLevelBlock[]);
    for (const e of errors) diagnostics.push({ code: e.code, severity: "error", message: e.message, file: file.path, line: e.line, col: e.col, snippet: e.snippet });
    for (const w of warnings) diagnostics.push({ code: w.code, severity: "warn", message: w.message, file: file.path, line: w.line, col: w.col, snippet: w.snippet });
    for (const b of blocks) {
      if (b.kind !== "macro" && b.kind !== "test" && b.kind !== "materialization") continue;
      const entry: RegisteredMacro = { name: b.name, source: b.source, file: file.path, line: b.line, packageName: file.packageName, uniqueId: `macro.${file.packageName}.${b.name}` };
      const previous = registry.add(entry);
      if (previous && file.packageName !== BUILTIN_PACKAGE) {
        diagnostics.push({
          code: "TSDBT-E017",
          severity: "error",
          message: `Macro '${b.name}' is defined twice in package '${file.packageName}': in ${previous.file}:${previous.line} and ${file.path}:${b.line}.`,
          file: file.path,
          line: b.line,
          col: b.col,
          hint: "Rename or delete one of them.",
        });
      }
      macros[entry.uniqueId] = macroEntry(entry, file, b.written);
    }
  }
  return { macros, diagnostics };
}

/** A stored block with its `source` (kept only where it differs from `written`). */
const storedBlock = (b: StoredBlock) => ({ ...b, source: b.source ?? b.written });

/** Collects `{% docs name %}` blocks of markdown files. */
export function loadDocs(files: BlockFile[]): { docs: Record<string, DocDefinition>; diagnostics: Diagnostic[] } {
  const docs: Record<string, DocDefinition> = {};
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const { blocks, errors, warnings } = extractBlocks(file.contents, file.path);
    for (const e of errors) diagnostics.push({ code: e.code, severity: "error", message: e.message, file: file.path, line: e.line, col: e.col, snippet: e.snippet });
    for (const w of warnings) diagnostics.push({ code: w.code, severity: "warn", message: w.message, file: file.path, line: w.line, col: w.col, snippet: w.snippet });
    for (const b of blocks) {
      if (b.kind !== "docs") continue;
      const id = `doc.${file.packageName}.${b.name}`;
      // dbt's key order; the path is relative to the docs folder
      docs[id] = {
        name: b.name,
        resource_type: "doc",
        package_name: file.packageName,
        path: file.relPath ?? file.pathInRoot ?? file.path,
        original_file_path: file.path,
        unique_id: id,
        block_contents: b.body.trim(),
      };
    }
  }
  return { docs, diagnostics };
}
