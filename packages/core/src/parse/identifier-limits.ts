import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";

/** Code of a relation, schema or database name longer than the target's engine keeps. */
export const IDENTIFIER_TOO_LONG = "TSDBT-E070";

/** The resources that build a relation of their own (ephemeral models build none). */
function buildsRelation(node: ManifestNode): boolean {
  if (node.resource_type === "seed" || node.resource_type === "snapshot") return true;
  return node.resource_type === "model" && node.config.materialized !== "ephemeral";
}

/**
 * Checks the names of every relation the nodes build against the engine's limit
 * (`maxIdentifierBytes` of the adapter's dialect, e.g. 63 bytes on PostgreSQL, which cuts longer
 * names silently, so two long names could become one): the identifier, the schema and the
 * database. tsdbt's working relations (`__tsdbt_tmp`, `__tsdbt_backup`) need no room of their
 * own: their names are shortened with a hash to fit. One error per name that does not fit,
 * naming the node and the limit; nothing when the engine has no limit.
 */
export function checkIdentifierLengths(nodes: ManifestNode[], limit: number | undefined, adapterType: string): Diagnostic[] {
  if (limit === undefined) return [];
  const out: Diagnostic[] = [];
  for (const node of nodes) {
    if (!buildsRelation(node)) continue;
    const at = { file: node.original_file_path, line: 1, col: 1, nodeId: node.unique_id };
    const identifierBytes = Buffer.byteLength(node.alias);
    if (identifierBytes > limit) {
      out.push({
        code: IDENTIFIER_TOO_LONG,
        severity: "error",
        message: `${label(node)} builds relation '${node.alias}', whose name has ${identifierBytes} bytes: ${adapterType} keeps identifiers of at most ${limit} bytes and would cut it to its first ${limit}.`,
        hint: `Rename the ${node.resource_type}, or set \`alias\` in its config to a name of at most ${limit} bytes.`,
        ...at,
      });
    }
    for (const [part, value] of [["schema", node.schema], ["database", node.database]] as const) {
      if (!value || Buffer.byteLength(value) <= limit) continue;
      out.push({
        code: IDENTIFIER_TOO_LONG,
        severity: "error",
        message: `${label(node)} builds in ${part} '${value}', whose name has ${Buffer.byteLength(value)} bytes: ${adapterType} keeps names of at most ${limit} bytes.`,
        hint: `Choose a shorter ${part} (the target's, or the \`${part}\` config of the ${node.resource_type}).`,
        ...at,
      });
    }
  }
  return out;
}

function label(node: ManifestNode): string {
  const kind = node.resource_type.charAt(0).toUpperCase() + node.resource_type.slice(1);
  return `${kind} ${node.name}`;
}
