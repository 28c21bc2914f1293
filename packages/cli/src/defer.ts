import type { Adapter } from "@tsdbt/adapter-api";
import { DiagnosticError, type ManifestNode, type ParsedProject } from "@tsdbt/core";
import type { CliArgs } from "./args";
import { readState } from "./select";

/** The relation fields deferral changes on a node. */
type RelationFields = Pick<ManifestNode, "database" | "schema" | "alias"> & { relation_name?: string | null };

/**
 * `--defer` (with `--state` or `--defer-state`): refs to models, seeds and snapshots that are not
 * selected resolve to the relations the state's manifest built, when the node's own relation is
 * not in the target (always with `--favor-state`), as dbt defers. Returns a function that puts the
 * manifest back as parsed (the manifest written after the run keeps the project's own relations).
 */
export async function applyDeferral(parsed: ParsedProject, args: CliArgs, cwd: string, selected: readonly string[], adapter: Adapter): Promise<() => void> {
  if (args.flags.defer !== true) return () => undefined;
  const stateDir = (args.flags["defer-state"] as string | undefined) ?? args.state;
  if (!stateDir) {
    throw new DiagnosticError([{ code: "TSDBT-E093", severity: "error", message: "--defer needs --state (or --defer-state): the folder of the manifest.json to defer to.", hint: "Run with `--defer --state path/to/prod-target`." }]);
  }
  const state = readState(stateDir, cwd);
  const favor = args.flags["favor-state"] === true;
  const chosen = new Set(selected);
  const inTarget = new Map<string, Promise<Set<string>>>();
  const exists = (node: ManifestNode) => {
    const key = JSON.stringify([node.database, node.schema.toLowerCase()]);
    if (!inTarget.has(key)) inTarget.set(key, adapter.listRelations(node.database, node.schema).then((rels) => new Set(rels.map((r) => r.identifier.toLowerCase()))).catch(() => new Set<string>()));
    return inTarget.get(key)!.then((names) => names.has(node.alias.toLowerCase()));
  };
  const saved: [ManifestNode, RelationFields][] = [];
  for (const node of Object.values(parsed.manifest.nodes)) {
    if (chosen.has(node.unique_id) || !["model", "seed", "snapshot"].includes(node.resource_type) || node.config.materialized === "ephemeral") continue;
    const other = state.nodes[node.unique_id] as ManifestNode | undefined;
    if (!other || other.config?.materialized === "ephemeral") continue;
    if (!favor && (await exists(node))) continue;
    const n = node as ManifestNode & { relation_name?: string | null };
    saved.push([node, { database: n.database, schema: n.schema, alias: n.alias, relation_name: n.relation_name }]);
    n.database = other.database;
    n.schema = other.schema;
    n.alias = other.alias;
    n.relation_name = (other as { relation_name?: string | null }).relation_name ?? null;
  }
  return () => {
    for (const [node, fields] of saved) Object.assign(node, fields);
  };
}
