import { closeSync, constants, ftruncateSync, mkdirSync, openSync, writeSync } from "node:fs";
import * as path from "node:path";
import { NODE_KEYS, SOURCE_KEYS } from "./schema-keys";
import type { Manifest, ManifestNode } from "./types";

function pick<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value && (value as Record<string, unknown>)[k] !== undefined) out[k] = (value as Record<string, unknown>)[k];
  return out;
}

/**
 * The keys dbt 1.10 writes for each kind of node, in its order: the schema's, without
 * `config_call_dict` and `unrendered_config_call_dict`, which dbt keeps in memory (templates
 * see them in `model`) but leaves out of manifest.json.
 */
const WRITTEN_KEYS: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(NODE_KEYS).map(([kind, keys]) => [kind, keys.filter((k) => k !== "config_call_dict" && k !== "unrendered_config_call_dict")]),
);

/**
 * A node as dbt writes it: its kind's keys in dbt's order (a generic test's `test_metadata`
 * last), nothing the schema does not allow; a seed's `depends_on` has only macros.
 */
export function serialisableNode(node: ManifestNode): Record<string, unknown> {
  const kind = node.resource_type === "test" && node.test_metadata ? "generic_test" : node.resource_type;
  const out = pick(node, WRITTEN_KEYS[kind] ?? Object.keys(node).filter((k) => k !== "config_call_dict"));
  if (node.resource_type === "seed") out.depends_on = { macros: node.depends_on.macros };
  return out;
}

/** A byte range `[start, end)` in manifest.json. */
export type ByteRange = [number, number];

/** Where things are in a written manifest.json, so a later parse can copy what did not change. */
export interface ManifestLayout {
  /** The JSON value of each top-level key (`metadata`, `nodes`, `parent_map`, …). */
  sections: Record<string, ByteRange>;
  /** The ids of `nodes` in the order they are written. */
  nodeIds: string[];
  /** Where each node's JSON value is: `[start, end)` of `nodeIds[i]` at `2i`, `2i + 1`. */
  nodeRanges: number[];
}

/** Where a node's JSON value is in a manifest, if it is there. */
export function nodeRange(layout: ManifestLayout, id: string): ByteRange | undefined {
  const i = layout.nodeIds.indexOf(id);
  return i < 0 ? undefined : [layout.nodeRanges[2 * i], layout.nodeRanges[2 * i + 1]];
}

/** Marks the start (`true`) or end of a top-level value or of a node's value while chunks stream. */
type Mark = (kind: "section" | "node", key: string, start: boolean) => void;

/** The manifest's JSON text in pieces, node by node, so it is never held as one giant string. */
export function* manifestChunks(manifest: Manifest, mark: Mark = () => undefined): Generator<string> {
  const entries = (obj: Record<string, unknown>, map: (v: never) => unknown, markEntries: boolean): Generator<string> =>
    (function* () {
      let first = true;
      yield "{";
      for (const [id, v] of Object.entries(obj)) {
        yield `${first ? "" : ","}${JSON.stringify(id)}:`;
        if (markEntries) mark("node", id, true);
        yield JSON.stringify(map(v as never));
        if (markEntries) mark("node", id, false);
        first = false;
      }
      yield "}";
    })();
  const special: Record<string, (v: unknown) => Generator<string>> = {
    nodes: (v) => entries(v as Record<string, unknown>, (n: ManifestNode) => serialisableNode(n), true),
    sources: (v) => entries(v as Record<string, unknown>, (src: object) => pick(src, SOURCE_KEYS), false),
    disabled: (v) => entries(v as Record<string, unknown>, (list: ManifestNode[]) => list.map((n) => ((n.resource_type as string) === "source" ? pick(n, SOURCE_KEYS) : serialisableNode(n))), false),
    // other large sections entry by entry too (the same text as one JSON.stringify)
    macros: (v) => entries(v as Record<string, unknown>, (m: unknown) => m, false),
    parent_map: (v) => entries(v as Record<string, unknown>, (m: unknown) => m, false),
    child_map: (v) => entries(v as Record<string, unknown>, (m: unknown) => m, false),
  };
  let first = true;
  for (const [key, value] of Object.entries(manifest)) {
    yield `${first ? "{" : ","}${JSON.stringify(key)}:`;
    first = false;
    mark("section", key, true);
    if (special[key]) yield* special[key](value);
    else yield JSON.stringify(value);
    mark("section", key, false);
  }
  yield "}";
}

/** The manifest as JSON text in dbt's v12 shape. */
export function manifestJson(manifest: Manifest): string {
  return [...manifestChunks(manifest)].join("");
}

/**
 * Writes a file from string or byte pieces over its previous contents, then cuts it to the
 * written length, and counts the bytes written (for layouts). Overwriting keeps the file's
 * pages: on the 2-core VM of docs/performance.md, writing a 32 MB manifest over the old one
 * takes ~3 ms, while a new file (truncate, or a temporary file renamed into place) takes
 * 30–90 ms. Like dbt's, the write is not atomic: a crash midway leaves a damaged file, which the
 * next parse replaces (the parse state no longer matches it).
 */
export class ChunkWriter {
  private readonly fd: number;
  /** Where strings are encoded before they are written: one buffer for the whole file, its pages touched once. */
  private readonly buffer = Buffer.allocUnsafeSlow(1 << 18);
  private used = 0;
  /** Bytes handed to the writer so far. */
  offset = 0;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, constants.O_WRONLY | constants.O_CREAT, 0o644);
  }

  /** Appends a piece. */
  write(chunk: string | Buffer): void {
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    const most = typeof chunk === "string" ? chunk.length * 3 : chunk.length;
    if (most > this.buffer.length - this.used) this.flush();
    if (most > this.buffer.length) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      writeSync(this.fd, bytes);
      this.offset += bytes.length;
      return;
    }
    const bytes = typeof chunk === "string" ? this.buffer.write(chunk, this.used) : chunk.copy(this.buffer, this.used);
    this.used += bytes;
    this.offset += bytes;
  }

  /** Writes what is pending, cuts the file to the written length and closes it. */
  close(): void {
    try {
      this.flush();
      ftruncateSync(this.fd, this.offset);
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file after a failure. */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  private flush(): void {
    for (let written = 0; written < this.used; ) written += writeSync(this.fd, this.buffer, written, this.used - written);
    this.used = 0;
  }
}

/** Writes target/manifest.json (or another file name in the target folder), streaming it in chunks; returns its path and layout. */
export function writeManifestWithLayout(targetPath: string, manifest: Manifest, name = "manifest.json"): { file: string; layout: ManifestLayout } {
  const file = path.join(targetPath, name);
  const out = new ChunkWriter(file);
  const layout: ManifestLayout = { sections: {}, nodeIds: [], nodeRanges: [] };
  const mark: Mark = (kind, key, start) => {
    if (kind === "node") {
      if (start) layout.nodeIds.push(key);
      layout.nodeRanges.push(out.offset);
    } else if (start) layout.sections[key] = [out.offset, out.offset];
    else layout.sections[key][1] = out.offset;
  };
  try {
    for (const chunk of manifestChunks(manifest, mark)) out.write(chunk);
    out.close();
  } catch (e) {
    out.abandon();
    throw e;
  }
  return { file, layout };
}

/** Writes target/manifest.json, streaming it in chunks. */
export async function writeManifest(targetPath: string, manifest: Manifest): Promise<string> {
  return writeManifestWithLayout(targetPath, manifest).file;
}
