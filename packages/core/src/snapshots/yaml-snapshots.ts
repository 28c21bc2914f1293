import type { ManifestNode } from "../manifest/types";
import { parseNodeBody, patchKey, type NodeBuildContext } from "../parse/build-nodes";
import { checksumOf, createNode } from "../parse/node-factory";
import type { NodePatch } from "../parse/properties";
import { SnapshotErrorCode } from "./snapshot-settings";

const RELATION = /^\s*(ref|source)\s*\(([^()]*)\)\s*$/s;

/** The `relation:` of a YAML snapshot as a Jinja expression, or null when it is not a ref()/source() call. */
export function snapshotRelationExpression(relation: unknown): string | null {
  if (typeof relation !== "string") return null;
  const m = RELATION.exec(relation.replace(/^\s*\{\{(.*)\}\}\s*$/s, "$1"));
  return m ? `${m[1]}(${m[2]})` : null;
}

/**
 * Builds a snapshot node for every `snapshots:` entry of a properties file that has a
 * `relation:` (the YAML form of a snapshot): its SQL selects everything from that ref() or
 * source(), and its config comes from the entry and dbt_project.yml as for block snapshots.
 * The entries used are taken out of `ctx.patches`.
 */
export function buildYamlSnapshots(ctx: NodeBuildContext): ManifestNode[] {
  const out: ManifestNode[] = [];
  for (const patch of [...ctx.patches.values()]) {
    if (patch.kind !== "snapshot" || patch.raw.relation === undefined) continue;
    const expression = snapshotRelationExpression(patch.raw.relation);
    if (!expression) {
      ctx.patches.delete(patchKey(patch.kind, patch.packageName, patch.name));
      ctx.diagnostics.push({
        code: SnapshotErrorCode.invalidRelation,
        severity: "error",
        message: `Snapshot ${patch.name} in ${patch.file} has relation ${JSON.stringify(patch.raw.relation)}, which is not a ref() or source() call.`,
        file: patch.file,
        hint: "Write `relation: ref('model_name')` or `relation: source('source_name', 'table_name')`.",
      });
      continue;
    }
    out.push(buildOne(patch, expression, ctx));
  }
  return out;
}

function buildOne(patch: NodePatch, expression: string, ctx: NodeBuildContext): ManifestNode {
  const segments = patch.file.split("/");
  // folders between the snapshot-paths root and the file, for folder config and fqn
  const dirs = segments.slice(1, -1);
  const node = createNode({
    resourceType: "snapshot",
    packageName: patch.packageName,
    name: patch.name,
    path: segments.slice(1).join("/"),
    originalFilePath: patch.file,
    fqn: [patch.packageName, ...dirs, patch.name],
    rawCode: `select * from {{ ${expression} }}`,
    checksum: checksumOf(JSON.stringify(patch.raw)),
  });
  parseNodeBody(node, "snapshot", dirs, ctx);
  return node;
}
