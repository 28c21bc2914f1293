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

/**
 * The dbt_project.yml config layers for a resource, most general first: an installed package's
 * own dbt_project.yml, then the root project's (which may configure the package by its name).
 */
export function projectConfigLayers(projects: ProjectSet, kind: ConfiguredKind, packageName: string, pathParts: string[]): ConfigLayer[] {
  const rootLayers = folderConfigLayers(treeFor(projects.root, kind), packageName, pathParts);
  const own = packageName === projects.root.name ? undefined : projects.packages.get(packageName);
  return own ? [...folderConfigLayers(treeFor(own, kind), packageName, pathParts), ...rootLayers] : rootLayers;
}
