import type { ConfigTree } from "../project/project-config";
import { mergeConfigs } from "./merge-configs";
import type { ConfigLayer } from "./normalise-config";
import { isPlainObject } from "./vars";

/**
 * The config a dbt_project.yml tree (`models:`, `seeds:` …) gives one node. `pathParts` are
 * the node's folders under its resource path followed by its name (`["staging", "stg_orders"]`).
 * Levels apply from the tree's top, to the package, to each folder, to the node's own name;
 * a more specific level wins. At each level `+key` is always a config and a bare key is a
 * config unless its value is a mapping (then it is a sub-folder).
 */
export function resolveFolderConfig(tree: ConfigTree, packageName: string, pathParts: readonly string[]): ConfigLayer {
  return mergeConfigs(...folderConfigLayers(tree, packageName, pathParts));
}

/** The layers {@link resolveFolderConfig} merges, most general first (for callers that add more). */
export function folderConfigLayers(tree: ConfigTree, packageName: string, pathParts: readonly string[]): ConfigLayer[] {
  const layers: ConfigLayer[] = [configsAt(tree)];
  let level: Record<string, unknown> = tree;
  for (const part of [packageName, ...pathParts]) {
    const next = level[part];
    if (!isPlainObject(next)) break;
    layers.push(configsAt(next));
    level = next;
  }
  return layers;
}

/** Each level's configs, read once: every node under a folder shares its levels (frozen: shared). */
const levelConfigs = new WeakMap<Record<string, unknown>, ConfigLayer>();

function configsAt(level: Record<string, unknown>): ConfigLayer {
  const known = levelConfigs.get(level);
  if (known) return known;
  const out: ConfigLayer = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith("+")) out[key.slice(1).trim()] = value;
    else if (!isPlainObject(value)) out[key] = value;
  }
  Object.freeze(out);
  levelConfigs.set(level, out);
  return out;
}
