import type { TopLevelBlock } from "@tsdbt/jinja";
import type { StoredBlock } from "./builtin-macro-index";

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
