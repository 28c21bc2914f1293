import type { DepGraph } from "../graph/dep-graph";
import type { IndirectSelection } from "./selection-spec";

/** Nodes chosen outright (`direct`) and tests held back until all their parents are chosen (`indirect`). */
export interface SelectionSets {
  direct: Set<string>;
  indirect: Set<string>;
}

function isTest(graph: DepGraph, id: string): boolean {
  const type = graph.member(id)?.resource_type;
  return type === "test" || type === "unit_test";
}

function isSubset(items: readonly string[], of: ReadonlySet<string>): boolean {
  return items.every((item) => of.has(item));
}

/** The selection plus everything upstream of it plus every source: what `buildable` tests may rely on. */
function buildableBase(graph: DepGraph, selected: ReadonlySet<string>): Set<string> {
  const base = new Set([...selected, ...graph.ancestors(selected)]);
  for (const id of graph.ids()) if (graph.member(id)?.resource_type === "source") base.add(id);
  return base;
}

/**
 * Adds the tests that hang off `selected`. `eager`: every test with any selected parent;
 * `cautious`: tests whose parents are all selected; `buildable`: tests whose parents are all
 * selected or upstream of the selection; `empty`: none. Tests that fail the rule are returned
 * as `indirect`, so a later union or intersection can admit them once all parents are in.
 */
export function expandIndirect(graph: DepGraph, selected: ReadonlySet<string>, mode: IndirectSelection): SelectionSets {
  const direct = new Set(selected);
  const indirect = new Set<string>();
  if (mode === "empty") return { direct, indirect };
  let base: Set<string> | undefined;
  for (const id of selected) {
    for (const child of graph.children(id)) {
      if (direct.has(child) || indirect.has(child) || !isTest(graph, child)) continue;
      const parents = graph.parents(child);
      if (mode === "eager" || isSubset(parents, selected)) direct.add(child);
      else if (mode === "buildable" && isSubset(parents, (base ??= buildableBase(graph, selected)))) direct.add(child);
      else indirect.add(child);
    }
  }
  return { direct, indirect };
}

/**
 * After sets were combined: admits each held-back test whose parents are now all in
 * `direct` (`cautious`) or in `direct` and its upstream (`buildable`).
 */
export function incorporateIndirect(
  graph: DepGraph,
  direct: ReadonlySet<string>,
  indirect: ReadonlySet<string>,
  mode: IndirectSelection,
): Set<string> {
  const selected = new Set(direct);
  if (indirect.size === 0 || mode === "eager" || mode === "empty") return selected;
  const base = mode === "buildable" ? buildableBase(graph, direct) : direct;
  for (const id of indirect) if (isSubset(graph.parents(id), base)) selected.add(id);
  return selected;
}
