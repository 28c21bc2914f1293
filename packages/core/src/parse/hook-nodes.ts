import type { ManifestNode, NodeConfig } from "../manifest/types";
import { mergeConfigs } from "../config/merge-configs";
import { createNode } from "./node-factory";
import { projectConfigLayers, type ProjectSet } from "./project-layers";

/**
 * The `on-run-start` / `on-run-end` hooks of every project as the operation nodes dbt lists in
 * manifest.json: `operation.<project>.<project>-on-run-start-<n>`, fqn `[project, hooks, name]`,
 * filed under `./dbt_project.yml`, tagged with the hook type. As in dbt, the `models:` config of
 * dbt_project.yml applies to them by that fqn (materialized, tags, schema…); the caller names
 * their relation. They are not selectable and nothing compiles them from here: the runner runs
 * hooks from the project config.
 */
export function buildHookNodes(projectSet: ProjectSet, target: { database: string | null; schema: string }): ManifestNode[] {
  const nodes: ManifestNode[] = [];
  for (const project of [projectSet.root, ...projectSet.packages.values()]) {
    const hooks: [string, string[]][] = [
      ["on-run-start", project.onRunStart ?? []],
      ["on-run-end", project.onRunEnd ?? []],
    ];
    for (const [type, statements] of hooks) {
      statements.forEach((sql, index) => {
        const name = `${project.name}-${type}-${index}`;
        const node = createNode({
          resourceType: "operation",
          packageName: project.name,
          name,
          path: `hooks/${name}.sql`,
          originalFilePath: "./dbt_project.yml",
          fqn: [project.name, "hooks", name],
          rawCode: String(sql),
        });
        node.database = target.database;
        node.schema = target.schema;
        node.alias = name;
        node.config = mergeConfigs(node.config, ...projectConfigLayers(projectSet, "model", project.name, ["hooks", name])) as NodeConfig;
        node.tags = [type, ...(node.config.tags ?? [])];
        (node as ManifestNode & { index: number }).index = index;
        nodes.push(node);
      });
    }
  }
  return nodes;
}
