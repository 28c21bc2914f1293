import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import * as path from "node:path";
import { NODE_KEYS, SOURCE_KEYS } from "./schema-keys";
import type { Manifest, ManifestNode } from "./types";

function pick<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value && (value as Record<string, unknown>)[k] !== undefined) out[k] = (value as Record<string, unknown>)[k];
  return out;
}

/**
 * A node as the schema allows it. Nodes are built with exactly their kind's keys (the
 * schema-validation tests hold that), so they are written as they are; only seeds, which
 * share the node factory but have fewer keys, are trimmed.
 */
export function serialisableNode(node: ManifestNode): Record<string, unknown> {
  if (node.resource_type !== "seed") return node as unknown as Record<string, unknown>;
  const out = pick(node, NODE_KEYS.seed);
  out.depends_on = { macros: node.depends_on.macros };
  return out;
}

/** The manifest's JSON text in pieces, node by node, so it is never held as one giant string. */
export function* manifestChunks(manifest: Manifest): Generator<string> {
  const entries = (obj: Record<string, unknown>, map: (v: never) => unknown): Generator<string> =>
    (function* () {
      let first = true;
      yield "{";
      for (const [id, v] of Object.entries(obj)) {
        yield `${first ? "" : ","}${JSON.stringify(id)}:${JSON.stringify(map(v as never))}`;
        first = false;
      }
      yield "}";
    })();
  const special: Record<string, (v: unknown) => Generator<string>> = {
    nodes: (v) => entries(v as Record<string, unknown>, (n: ManifestNode) => serialisableNode(n)),
    sources: (v) => entries(v as Record<string, unknown>, (src: object) => pick(src, SOURCE_KEYS)),
    disabled: (v) => entries(v as Record<string, unknown>, (list: ManifestNode[]) => list.map(serialisableNode)),
  };
  let first = true;
  for (const [key, value] of Object.entries(manifest)) {
    yield `${first ? "{" : ","}${JSON.stringify(key)}:`;
    first = false;
    if (special[key]) yield* special[key](value);
    else yield JSON.stringify(value);
  }
  yield "}";
}

/** The manifest as JSON text in dbt's v12 shape. */
export function manifestJson(manifest: Manifest): string {
  return [...manifestChunks(manifest)].join("");
}

/** Writes target/manifest.json, streaming it in chunks. */
export async function writeManifest(targetPath: string, manifest: Manifest): Promise<string> {
  const file = path.join(targetPath, "manifest.json");
  mkdirSync(targetPath, { recursive: true });
  const fd = openSync(file, "w");
  try {
    let buffer: string[] = [];
    let size = 0;
    for (const chunk of manifestChunks(manifest)) {
      buffer.push(chunk);
      size += chunk.length;
      if (size > 1 << 20) {
        writeSync(fd, buffer.join(""));
        buffer = [];
        size = 0;
      }
    }
    writeSync(fd, buffer.join(""));
  } finally {
    closeSync(fd);
  }
  return file;
}
