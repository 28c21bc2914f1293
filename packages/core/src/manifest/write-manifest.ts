import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { NODE_KEYS, SOURCE_KEYS } from "./schema-keys";
import type { Manifest, ManifestNode } from "./types";

function pick<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value && (value as Record<string, unknown>)[k] !== undefined) out[k] = (value as Record<string, unknown>)[k];
  return out;
}

/** A node as the schema allows it: only the keys dbt's schema has for its kind. */
export function serialisableNode(node: ManifestNode): Record<string, unknown> {
  const kind = node.resource_type === "test" ? (node.test_metadata ? "generic_test" : "test") : node.resource_type;
  const out = pick(node, NODE_KEYS[kind] ?? NODE_KEYS.model);
  // seeds depend on macros only in dbt's schema
  if (kind === "seed") out.depends_on = { macros: node.depends_on.macros };
  return out;
}

/** The manifest as JSON text in dbt's v12 shape. */
export function manifestJson(manifest: Manifest): string {
  const nodes: Record<string, unknown> = {};
  for (const [id, n] of Object.entries(manifest.nodes)) nodes[id] = serialisableNode(n);
  const sources: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(manifest.sources)) sources[id] = pick(s, SOURCE_KEYS);
  const disabled: Record<string, unknown[]> = {};
  for (const [id, list] of Object.entries(manifest.disabled)) disabled[id] = (list as ManifestNode[]).map(serialisableNode);
  return JSON.stringify({ ...manifest, nodes, sources, disabled });
}

/** Writes target/manifest.json. */
export async function writeManifest(targetPath: string, manifest: Manifest): Promise<string> {
  const file = path.join(targetPath, "manifest.json");
  await mkdir(targetPath, { recursive: true });
  await writeFile(file, manifestJson(manifest));
  return file;
}
