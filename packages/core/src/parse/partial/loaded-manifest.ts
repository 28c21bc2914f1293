import type { Manifest, ManifestNode } from "../../manifest/types";
import { createNode } from "../node-factory";

/**
 * A manifest read back from its JSON, shaped as a fresh parse leaves it in memory. Nodes are
 * written without `config_call_dict` (as dbt writes them): it comes back from `configCalls` (the
 * parse state's), `{}` for nodes without one. Seeds are written with fewer keys than every node is
 * built with (no refs, sources, language, compiled_path, `depends_on.nodes`), so those come back
 * with the values a parse gives seeds.
 */
export function manifestFromJson(json: string, configCalls: Record<string, Record<string, unknown>> = {}): Manifest {
  const manifest = JSON.parse(json) as Manifest;
  const restore = (n: ManifestNode): ManifestNode => {
    if ((n.resource_type as string) === "source") return n;
    n.config_call_dict = configCalls[n.unique_id] ?? {};
    if (n.resource_type !== "seed") return n;
    const built = createNode({ resourceType: "seed", packageName: n.package_name, name: n.name, path: n.path, originalFilePath: n.original_file_path, fqn: n.fqn, rawCode: n.raw_code, checksum: n.checksum, uniqueId: n.unique_id });
    return Object.assign(built, n, { depends_on: { ...built.depends_on, ...n.depends_on } });
  };
  for (const id of Object.keys(manifest.nodes)) manifest.nodes[id] = restore(manifest.nodes[id]);
  for (const id of Object.keys(manifest.disabled)) manifest.disabled[id] = (manifest.disabled[id] as ManifestNode[]).map(restore);
  return manifest;
}
