import type { Diagnostic } from "../diagnostics/diagnostic";
import type { Manifest } from "../manifest/types";
import { diagnosticAt } from "../yaml/diagnostic-at";
import type { PropertiesFile } from "./properties";
import { asRecord, strOrNull, yamlResourceBase } from "./semantic/yaml-resource";

/** A group as manifest.json holds it. */
export interface GroupDefinition {
  name: string;
  resource_type: "group";
  package_name: string;
  path: string;
  original_file_path: string;
  unique_id: string;
  owner: Record<string, unknown> & { email: unknown; name: string | null };
  description: string | null;
  config: { meta: Record<string, unknown> };
}

/** Reads the `groups:` of every properties file (`group.<package>.<name>`), reporting entries without a name or owner. */
export function readGroups(files: PropertiesFile[], diagnostics: Diagnostic[]): Record<string, GroupDefinition> {
  const groups: Record<string, GroupDefinition> = {};
  for (const file of files) {
    const list = asRecord(file.parsed.value).groups;
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const entry = asRecord(item);
      if (typeof entry.name !== "string" || entry.owner === undefined) {
        diagnostics.push(diagnosticAt(file.parsed, ["groups", i], { code: "TSDBT-E019", message: `A group in ${file.parsed.file} has no ${typeof entry.name !== "string" ? "name" : "owner"}.`, hint: "Give each group a 'name:' and an 'owner:' with a name or an email." }));
        return;
      }
      const base = yamlResourceBase(file, "group", entry.name);
      const owner = asRecord(entry.owner);
      groups[base.unique_id] = {
        name: base.name,
        resource_type: "group",
        package_name: base.package_name,
        path: base.path,
        original_file_path: base.original_file_path,
        unique_id: base.unique_id,
        owner: { ...owner, email: owner.email ?? null, name: strOrNull(owner.name) },
        description: strOrNull(entry.description),
        config: { meta: { ...asRecord(asRecord(entry.config).meta) } },
      };
    });
  }
  return groups;
}

/** `group_map`: each group's name and the resources that belong to it (dbt lists every group, even an empty one). */
export function groupMap(manifest: Pick<Manifest, "nodes" | "groups">): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const g of Object.values(manifest.groups) as GroupDefinition[]) map[g.name] ??= [];
  for (const n of Object.values(manifest.nodes)) {
    const group = (n as { group?: string | null }).group ?? (n.config as { group?: string | null }).group;
    if (typeof group === "string" && group) (map[group] ??= []).push(n.unique_id);
  }
  return map;
}
