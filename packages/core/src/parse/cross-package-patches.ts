import type { ProjectFile } from "../project/discover-files";
import { patchKey } from "./build-nodes";
import type { NodePatch } from "./properties";
import { mergeConfigs } from "../config/merge-configs";
import { projectConfigLayers, type ConfiguredKind, type ProjectSet } from "./project-layers";

const FILE_KINDS = new Set<string>(["model", "seed", "analysis"]);

/**
 * A properties entry describes a resource of its own package; when that package has no enabled
 * one of the name, dbt looks the name up in every package's enabled resources, as an unqualified
 * `ref` (the root project first), so a project's YAML can describe and test a model of an
 * installed package, and a package's YAML describes the project's copy of a seed the package
 * ships disabled (dbt_project_evaluator's exceptions seed). Re-files such patches under the
 * package that has the resource and records it as `nodePackage`. Whether a file is enabled is
 * read from dbt_project.yml's folder config (`projects`); a file disabling itself with
 * `config(enabled=false)` still counts as enabled here.
 */
export function fileCrossPackagePatches(patches: Map<string, NodePatch>, files: ProjectFile[], rootProject: string, projects?: ProjectSet): void {
  const owners = new Map<string, string[]>();
  const fileOf = new Map<string, ProjectFile>();
  for (const f of files) {
    if (!FILE_KINDS.has(f.kind)) continue;
    const key = `${f.kind}:${f.pathInRoot.split("/").pop()!.replace(/\.[^.]+$/, "")}`;
    const list = owners.get(key) ?? [];
    if (!list.includes(f.packageName)) list.push(f.packageName);
    owners.set(key, list);
    if (!fileOf.has(`${key}:${f.packageName}`)) fileOf.set(`${key}:${f.packageName}`, f);
  }
  // read only for names that more than one package has (the config merge is not free on large projects)
  const enabledIn = (key: string, pkg: string): boolean => {
    const f = fileOf.get(`${key}:${pkg}`);
    if (!f || !projects) return true;
    const parts = f.pathInRoot.split("/");
    parts[parts.length - 1] = key.slice(key.indexOf(":") + 1);
    return mergeConfigs(...projectConfigLayers(projects, f.kind as ConfiguredKind, pkg, parts)).enabled !== false;
  };
  for (const [key, patch] of [...patches]) {
    if (patch.version || !FILE_KINDS.has(patch.kind)) continue;
    const resourceKey = `${patch.kind}:${patch.name}`;
    const all = owners.get(resourceKey) ?? [];
    if (!all.some((p) => p !== patch.packageName) || (all.includes(patch.packageName) && enabledIn(resourceKey, patch.packageName))) continue;
    const packages = all.filter((p) => p !== patch.packageName && enabledIn(resourceKey, p));
    if (packages.length === 0) continue;
    const owner = packages.includes(rootProject) ? rootProject : packages[0]!;
    const ownerKey = patchKey(patch.kind, owner, patch.name);
    if (patches.has(ownerKey)) continue;
    patches.delete(key);
    patches.set(ownerKey, { ...patch, nodePackage: owner });
  }
}
