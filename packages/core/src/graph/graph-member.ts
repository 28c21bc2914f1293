import type { GraphMember, Manifest } from "../manifest/types";

/**
 * A unit test as the graph sees it. `manifest.unit_tests` is loosely typed in the manifest,
 * so only the fields the graph and selection read are listed here.
 */
export interface UnitTestMember {
  unique_id: string;
  resource_type: "unit_test";
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  depends_on: { macros?: string[]; nodes: string[] };
  tags?: string[];
  config?: Record<string, unknown>;
  model?: string;
}

/** A semantic model, metric or saved query as the graph sees it (the manifest types them loosely). */
export interface SemanticMember {
  unique_id: string;
  resource_type: "semantic_model" | "metric" | "saved_query";
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  depends_on: { macros?: string[]; nodes: string[] };
  tags?: string[] | null;
  config?: Record<string, unknown>;
}

/** Anything that can be a vertex of the dependency graph and be selected. */
export type SelectableMember = GraphMember | UnitTestMember | SemanticMember;

function hasMemberShape(value: unknown): value is UnitTestMember {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<UnitTestMember>;
  return typeof candidate.unique_id === "string" && Array.isArray(candidate.depends_on?.nodes);
}

/**
 * Every member of the graph keyed by unique id: enabled nodes, sources, exposures, metrics,
 * semantic models, saved queries and unit tests. Disabled nodes (`manifest.disabled`) are not members.
 */
export function collectMembers(manifest: Manifest): Map<string, SelectableMember> {
  const members = new Map<string, SelectableMember>();
  // a test on a disabled or missing model stays in `nodes`, disabled: it is not part of the graph
  for (const node of Object.values(manifest.nodes)) if (node.config?.enabled !== false) members.set(node.unique_id, node);
  for (const source of Object.values(manifest.sources)) members.set(source.unique_id, source);
  for (const exposure of Object.values(manifest.exposures)) members.set(exposure.unique_id, exposure);
  for (const section of [manifest.metrics, manifest.semantic_models, manifest.saved_queries]) {
    for (const member of Object.values(section ?? {})) if (hasMemberShape(member)) members.set(member.unique_id, member as unknown as SemanticMember);
  }
  for (const unitTest of Object.values(manifest.unit_tests ?? {})) {
    if (hasMemberShape(unitTest)) members.set(unitTest.unique_id, { ...unitTest, resource_type: "unit_test" });
  }
  return members;
}

/** The unique ids a member depends on (its parents); sources have none. */
export function dependenciesOf(member: SelectableMember): string[] {
  return "depends_on" in member ? member.depends_on.nodes : [];
}
