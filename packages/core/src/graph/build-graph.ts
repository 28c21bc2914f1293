import type { Manifest } from "../manifest/types";
import { DepGraph } from "./dep-graph";
import { collectMembers } from "./graph-member";

/**
 * Builds the dependency graph of a manifest over its nodes, sources, exposures and unit tests,
 * with an edge from each entry of `depends_on.nodes` to the node that lists it. Runs in O(V + E).
 */
export function buildGraph(manifest: Manifest): DepGraph {
  return new DepGraph(collectMembers(manifest));
}
