import type { ProjectFile } from "../project/discover-files";
import { patchKey } from "./build-nodes";
import type { NodePatch } from "./properties";

const FILE_KINDS = new Set<string>(["model", "seed", "analysis"]);

/**
 * A properties entry describes a resource of its own package; when that package has none of
 * the name, dbt looks the name up in every package, as an unqualified `ref` (the root project
 * first), so a project's YAML can describe and test a model of an installed package. Re-files
 * such patches under the package that has the resource and records it as `nodePackage`.
 */
export function fileCrossPackagePatches(patches: Map<string, NodePatch>, files: ProjectFile[], rootProject: string): void {
  const owners = new Map<string, string[]>();
  for (const f of files) {
    if (!FILE_KINDS.has(f.kind)) continue;
    const key = `${f.kind}:${f.pathInRoot.split("/").pop()!.replace(/\.[^.]+$/, "")}`;
    const list = owners.get(key) ?? [];
    if (!list.includes(f.packageName)) list.push(f.packageName);
    owners.set(key, list);
  }
  for (const [key, patch] of [...patches]) {
    if (patch.version || !FILE_KINDS.has(patch.kind)) continue;
    const packages = owners.get(`${patch.kind}:${patch.name}`) ?? [];
    if (packages.length === 0 || packages.includes(patch.packageName)) continue;
    const owner = packages.includes(rootProject) ? rootProject : packages[0]!;
    const ownerKey = patchKey(patch.kind, owner, patch.name);
    if (patches.has(ownerKey)) continue;
    patches.delete(key);
    patches.set(ownerKey, { ...patch, nodePackage: owner });
  }
}
