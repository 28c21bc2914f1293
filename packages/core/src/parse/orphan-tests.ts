import type { ManifestNode, SourceDefinition } from "../manifest/types";

/**
 * Generic tests written on a model, seed or snapshot that is disabled or does not exist, kept as
 * dbt keeps them: in `nodes`, with `config.enabled: false`, depending on what of their other
 * refs and sources exists, attached to the disabled node when there is one. Nothing selects,
 * compiles or runs them. Tests that are disabled by their own config are left out (they belong
 * to `disabled`). Returns the tests to put in `nodes`.
 */
export function disableOrphanTests(tests: ManifestNode[], enabled: ManifestNode[], sources: Record<string, SourceDefinition>, disabled: ManifestNode[]): ManifestNode[] {
  const referable = new Map<string, ManifestNode[]>();
  for (const n of enabled) {
    if (n.resource_type !== "model" && n.resource_type !== "seed" && n.resource_type !== "snapshot") continue;
    referable.set(n.name, [...(referable.get(n.name) ?? []), n]);
  }
  const kept: ManifestNode[] = [];
  for (const test of tests) {
    if (test.config.enabled === false) continue;
    test.config = { ...test.config, enabled: false };
    const nodes: string[] = [];
    for (const ref of test.refs) {
      const candidates = referable.get(ref.name) ?? [];
      const target = ref.package ? candidates.find((n) => n.package_name === ref.package) : (candidates.find((n) => n.package_name === test.package_name) ?? candidates[0]);
      if (target && !nodes.includes(target.unique_id)) nodes.push(target.unique_id);
    }
    for (const [sourceName, table] of test.sources) {
      const source = Object.values(sources).find((s) => s.source_name === sourceName && s.name === table);
      if (source && !nodes.includes(source.unique_id)) nodes.push(source.unique_id);
    }
    test.depends_on = { ...test.depends_on, nodes };
    const attached = test.attached_node ? disabled.find((n) => n.unique_id === test.attached_node) : undefined;
    test.attached_node = attached ? attached.unique_id : null;
    kept.push(test);
  }
  return kept;
}

/** A generic test belongs to the group of the node it is attached to, as in dbt. */
export function inheritAttachedGroups(tests: ManifestNode[], nodes: ManifestNode[]): void {
  const byId = new Map(nodes.map((n) => [n.unique_id, n]));
  for (const t of tests) {
    const attached = t.attached_node ? byId.get(t.attached_node) : undefined;
    if (attached?.group) t.group = attached.group;
  }
}
