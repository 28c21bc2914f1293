import type { TopLevelBlock } from "@tsdbt/jinja";
import type { ProjectFile } from "../project/discover-files";
import type { StoredBlock } from "./builtin-macro-index";
import type { BlockFile } from "./load-macros";

/**
 * Where a block of a macro file is, as the parse state keeps it (partial/parse-state.ts), so a later
 * parse of the unchanged file need not split it into blocks again: its texts as offsets into the file.
 */
export interface BlockPlace {
  kind: TopLevelBlock["kind"];
  name: string;
  line: number;
  col: number;
  /** `[start, end)` of the block as written. */
  written: [number, number];
  /** Where the block's source is when it differs from `written`; the source itself when the file does not hold it (a test or materialization rewritten as a macro). */
  source?: [number, number] | string;
}

/** The places of `blocks`, as extractBlocks found them in `contents`; undefined when a block's text is not found there. */
export function blockPlaces(contents: string, blocks: readonly TopLevelBlock[]): BlockPlace[] | undefined {
  const places: BlockPlace[] = [];
  // blocks come in the file's order; the blank space around two of them may overlap
  let from = 0;
  for (const b of blocks) {
    const start = contents.indexOf(b.written, from);
    if (start < 0) return undefined;
    const place: BlockPlace = { kind: b.kind, name: b.name, line: b.line, col: b.col, written: [start, start + b.written.length] };
    if (b.source !== b.written) {
      const at = contents.indexOf(b.source, start);
      place.source = at >= 0 && at + b.source.length <= place.written[1] ? [at, at + b.source.length] : b.source;
    }
    places.push(place);
    from = start + 1;
  }
  return places;
}

/** The blocks `places` describe in `contents`, the text they were found in. */
export function blocksAt(contents: string, places: readonly BlockPlace[]): StoredBlock[] {
  return places.map((p) => {
    const block: StoredBlock = { kind: p.kind, name: p.name, line: p.line, col: p.col, written: contents.slice(p.written[0], p.written[1]) };
    if (p.source !== undefined) block.source = typeof p.source === "string" ? p.source : contents.slice(p.source[0], p.source[1]);
    return block;
  });
}

/**
 * A project's macro files as loadMacros reads them: those `stored` has places for (by absolute path,
 * from an earlier parse of the same text) with their blocks, the others to split. `onSplit` (for
 * loadMacros) records the places of those it splits, so that `places` ends up with every file's.
 */
export function macroFilesWithPlaces(files: readonly ProjectFile[], stored: Record<string, BlockPlace[]>): { files: BlockFile[]; onSplit: (file: BlockFile, blocks: TopLevelBlock[]) => void; places: Record<string, BlockPlace[]> } {
  const places: Record<string, BlockPlace[]> = {};
  const absolutePaths = new Map<BlockFile, string>();
  const withBlocks = files.map((f): BlockFile => {
    const known = stored[f.absolutePath];
    if (!known) return absolutePaths.set(f, f.absolutePath), f;
    places[f.absolutePath] = known;
    return {
      packageName: f.packageName,
      path: f.path,
      pathInRoot: f.pathInRoot,
      get contents() {
        return f.contents;
      },
      blocks: blocksAt(f.contents, known),
    };
  });
  const onSplit = (file: BlockFile, blocks: TopLevelBlock[]) => {
    const absolutePath = absolutePaths.get(file);
    const found = absolutePath === undefined ? undefined : blockPlaces(file.contents, blocks);
    if (found) places[absolutePath!] = found;
  };
  return { files: withBlocks, onSplit, places };
}
