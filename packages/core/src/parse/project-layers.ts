import { folderConfigLayers } from "../config/folder-config";
import type { ConfigLayer } from "../config/normalise-config";
import type { ProjectConfig } from "../project/project-config";

/** The resource kinds that take config from a dbt_project.yml tree. */
export type ConfiguredKind = "model" | "analysis" | "test" | "snapshot" | "seed" | "source";

/** The root project and every installed package's own dbt_project.yml, by package name. */
export interface ProjectSet {
  root: ProjectConfig;
  packages: Map<string, ProjectConfig>;
}

function treeFor(project: ProjectConfig, kind: ConfiguredKind): Record<string, unknown> {
  if (kind === "seed") return project.seeds;
  if (kind === "snapshot") return project.snapshots;
  if (kind === "test") return project.dataTests;
  if (kind === "source") return project.sources;
  return project.models;
}

/** The same tree as written in dbt_project.yml, before rendering (the rendered one when unknown). */
function unrenderedTreeFor(project: ProjectConfig, kind: ConfiguredKind): Record<string, unknown> {
  const file = project.unrendered;
  if (!file) return treeFor(project, kind);
  const key = kind === "seed" ? "seeds" : kind === "snapshot" ? "snapshots" : kind === "source" ? "sources" : kind === "test" ? ("data_tests" in file ? "data_tests" : "tests") : "models";
  const tree = file[key];
  return tree !== null && typeof tree === "object" && !Array.isArray(tree) ? (tree as Record<string, unknown>) : {};
}

/**
 * The dbt_project.yml config layers for a resource, most general first: an installed package's
 * own dbt_project.yml, then the root project's (which may configure the package by its name).
 */
export function projectConfigLayers(projects: ProjectSet, kind: ConfiguredKind, packageName: string, pathParts: string[]): ConfigLayer[] {
  const rootLayers = folderConfigLayers(treeFor(projects.root, kind), packageName, pathParts);
  const own = packageName === projects.root.name ? undefined : projects.packages.get(packageName);
  return own ? [...folderConfigLayers(treeFor(own, kind), packageName, pathParts), ...rootLayers] : rootLayers;
}

/** {@link projectConfigLayers} with the values as written in the dbt_project.yml files, Jinja unrendered (for `unrendered_config`). */
export function unrenderedProjectConfigLayers(projects: ProjectSet, kind: ConfiguredKind, packageName: string, pathParts: string[]): ConfigLayer[] {
  const rootLayers = folderConfigLayers(unrenderedTreeFor(projects.root, kind), packageName, pathParts);
  const own = packageName === projects.root.name ? undefined : projects.packages.get(packageName);
  return own ? [...folderConfigLayers(unrenderedTreeFor(own, kind), packageName, pathParts), ...rootLayers] : rootLayers;
}
