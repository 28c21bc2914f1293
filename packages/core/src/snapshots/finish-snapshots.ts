import type { Diagnostic } from "../diagnostics/diagnostic";
import type { ManifestNode } from "../manifest/types";
import { relationFor, type NamingTarget } from "../parse/relation-naming";
import { snapshotSettingsOf } from "./snapshot-settings";

/**
 * Last parse step for snapshots, after relation naming: the legacy `target_schema` /
 * `target_database` configs name the schema and database verbatim (unless the newer
 * `schema` / `database` are set), and every snapshot's strategy config is checked so a
 * mistake stops the parse with a located error instead of failing mid-run (a custom strategy
 * needs its `snapshot_<name>_strategy` macro, as `macroExists` says).
 */
export function finishSnapshots(nodes: readonly ManifestNode[], naming: NamingTarget, diagnostics: Diagnostic[], macroExists: (name: string, packageName: string) => boolean): void {
  for (const node of nodes) {
    if (node.resource_type !== "snapshot") continue;
    const { target_schema: targetSchema, target_database: targetDatabase } = node.config;
    let renamed = false;
    if (typeof targetSchema === "string" && targetSchema !== "" && !node.config.schema) {
      node.schema = targetSchema;
      renamed = true;
    }
    if (typeof targetDatabase === "string" && targetDatabase !== "" && !node.config.database) {
      node.database = targetDatabase;
      renamed = true;
    }
    if (renamed) node.relation_name = relationFor(node, naming).render();
    diagnostics.push(...snapshotSettingsOf(node, (name) => macroExists(name, node.package_name)).diagnostics);
  }
}
