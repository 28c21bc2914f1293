import { ChunkWriter, nodeRange, type ByteRange, type ManifestLayout } from "./write-manifest";

/** New JSON text for parts of a manifest that was written with a {@link ManifestLayout}. */
export interface ManifestEdits {
  /** Top-level values to replace (`metadata`, `parent_map`, …), by key. */
  sections: Map<string, string>;
  /** Node values to replace, by unique id. */
  nodes: Map<string, string>;
}

/** A manifest as pieces of bytes (old slices and new values) and its layout. */
export interface SplicedManifest {
  pieces: Buffer[];
  layout: ManifestLayout;
}

/**
 * A manifest as a copy of `previous` with some values replaced, without parsing the rest, and
 * its layout. Keys and their order stay as they were, so the result is the manifest a full
 * write would produce from the same values.
 */
export function spliceManifest(previous: Buffer, layout: ManifestLayout, edits: ManifestEdits): SplicedManifest {
  const replacements: { range: ByteRange; text: Buffer }[] = [];
  for (const [key, text] of edits.sections) replacements.push({ range: required(layout.sections[key], key), text: Buffer.from(text) });
  for (const [id, text] of edits.nodes) replacements.push({ range: required(nodeRange(layout, id), id), text: Buffer.from(text) });
  replacements.sort((a, b) => a.range[0] - b.range[0]);

  const pieces: Buffer[] = [];
  let cursor = 0;
  for (const r of replacements) {
    pieces.push(previous.subarray(cursor, r.range[0]), r.text);
    cursor = r.range[1];
  }
  pieces.push(previous.subarray(cursor));
  return { pieces, layout: movedLayout(layout, replacements) };
}

/** Writes the pieces of a spliced manifest to `file` (over its previous contents). */
export function writePieces(pieces: readonly Buffer[], file: string): void {
  const out = new ChunkWriter(file);
  try {
    for (const piece of pieces) out.write(piece);
    out.close();
  } catch (e) {
    out.abandon();
    throw e;
  }
}

/** The layout after `replacements`. */
function movedLayout(layout: ManifestLayout, replacements: { range: ByteRange; text: Buffer }[]): ManifestLayout {
  // every offset moves by the growth of the replacements that end at or before it
  const ends = replacements.map((r) => r.range[1]);
  const growth: number[] = [];
  let total = 0;
  for (const r of replacements) growth.push((total += r.text.length - (r.range[1] - r.range[0])));
  const shift = (pos: number): number => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return pos + (lo === 0 ? 0 : growth[lo - 1]);
  };
  if (replacements.length === 0) return layout;
  const sections: Record<string, ByteRange> = {};
  for (const key in layout.sections) sections[key] = [shift(layout.sections[key][0]), shift(layout.sections[key][1])];
  return { sections, nodeIds: layout.nodeIds, nodeRanges: layout.nodeRanges.map(shift) };
}

function required(range: ByteRange | undefined, key: string): ByteRange {
  if (!range) throw new Error(`manifest layout has no entry for ${key}`);
  return range;
}
