/** The dependency graph over a manifest. */
export { buildGraph } from "./build-graph";
export { DepGraph, type ParentChildMaps } from "./dep-graph";
export { CYCLE_CODE } from "./cycle-diagnostics";
export { collectMembers, dependenciesOf, type SelectableMember, type SemanticMember, type UnitTestMember } from "./graph-member";
