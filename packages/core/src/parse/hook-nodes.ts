import type { ManifestNode } from "../manifest/types";
import type { ProjectConfig } from "../project/project-config";
import { createNode } from "./node-factory";

/**
 * The `on-run-start` / `on-run-end` hooks of every project as the operation nodes dbt lists in
 * manifest.json: `operation.<project>.<project>-on-run-start-<n>`, fqn `[project, hooks, name]`,
 * filed under `./dbt_project.yml`, tagged with the hook type, in the target's schema. They are
 * not selectable and nothing compiles them from here: the runner runs hooks from the project
 * config.
 */
export function buildHookNodes(projects: ProjectConfig[], target: { database: string | null; schema: string }): ManifestNode[] {
  const nodes: ManifestNode[] = [];
  for (const project of projects) {
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
        node.tags = [type];
        node.config = { ...node.config, tags: [] };
        (node as ManifestNode & { index: number }).index = index;
        nodes.push(node);
      });
    }
  }
  return nodes;
}
