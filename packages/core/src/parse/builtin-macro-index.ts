import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StaticMacroCall, TopLevelBlock } from "@tsdbt/jinja";

/** A block of a built-in macro file as the index keeps it: `source` only where it differs from `written`. */
export type StoredBlock = Pick<TopLevelBlock, "kind" | "name" | "written" | "line" | "col"> & { source?: string };

/**
 * What the build stores about a folder of built-in macros, tsdbt's own or a first-party adapter's
 * (scripts/builtin-macro-index.mjs), so a parse neither splits their files into blocks nor reads their
 * templates to fill `depends_on.macros`: each file's blocks, with the sha1 of the text they were read
 * from, and each macro's static calls by the sha1 of its source. An edited built-in (before the next
 * build) has no entry and is read as any macro file is.
 */
export interface BuiltinMacroIndex {
  files: Record<string, { sha1: string; blocks: StoredBlock[] }>;
  calls: Record<string, StaticMacroCall[]>;
}

/** Where the index of a built-in macro folder (`<package>/include/macros`) is: `<package>/dist/builtin-macro-index.json`. */
export function builtinMacroIndexFile(macrosDir: string): string {
  return path.join(macrosDir, "..", "..", "dist", "builtin-macro-index.json");
}

/** The key of a text in a {@link BuiltinMacroIndex}. */
export function textKey(text: string): string {
  return createHash("sha1").update(text).digest("base64url");
}

const indexes = new Map<string, BuiltinMacroIndex | null>();

/** The index of a built-in macro folder (read once per process), or null when the build wrote none. */
export function builtinMacroIndex(macrosDir: string): BuiltinMacroIndex | null {
  let index = indexes.get(macrosDir);
  if (index === undefined) {
    try {
      index = JSON.parse(fs.readFileSync(builtinMacroIndexFile(macrosDir), "utf8")) as BuiltinMacroIndex;
    } catch {
      index = null;
    }
    indexes.set(macrosDir, index);
  }
  return index;
}

/**
 * The calls a built-in macro's body makes, as the build stored them in the index of one of
 * `macrosDirs`; undefined when none holds this text: the caller reads the template.
 */
export function storedBuiltinCalls(source: string, macrosDirs: readonly string[]): StaticMacroCall[] | undefined {
  const key = textKey(source);
  for (const dir of macrosDirs) {
    const calls = builtinMacroIndex(dir)?.calls[key];
    if (calls) return calls;
  }
  return undefined;
}

/** The blocks of built-in macro file `relPath` of `macrosDir` when the index holds them for exactly this text. */
export function storedBlocks(macrosDir: string, relPath: string, contents: string): StoredBlock[] | undefined {
  const file = builtinMacroIndex(macrosDir)?.files[relPath];
  return file && file.sha1 === textKey(contents) ? file.blocks : undefined;
}
