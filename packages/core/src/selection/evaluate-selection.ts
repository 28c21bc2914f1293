import type { DepGraph } from "../graph/dep-graph";
import { suggestionHint } from "./closest-names";
import { expandIndirect, incorporateIndirect, type SelectionSets } from "./indirect-selection";
import { SELECTOR_METHODS } from "./methods/method-registry";
import type { MethodContext } from "./methods/selector-method";
import { selectionError } from "./selection-error";
import type { IndirectSelection, SelectionCriterion, SelectionSpec } from "./selection-spec";
import type { SelectorsFile } from "./selectors-file";

function intersect(sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...smallest].filter((id) => rest.every((set) => set.has(id))));
}

function combine(kind: "union" | "intersection" | "difference", sets: Set<string>[]): Set<string> {
  if (kind === "union") return new Set(sets.flatMap((set) => [...set]));
  if (kind === "intersection") return intersect(sets);
  const [include, ...excludes] = sets;
  return new Set([...include].filter((id) => !excludes.some((set) => set.has(id))));
}

/**
 * Evaluates selection specs against a graph: matches each criterion with its method, applies
 * the graph operators, adds tests by indirect selection, then combines sets the way dbt does
 * (tests held back by `cautious`/`buildable` are reconsidered after every union/intersection/difference).
 */
export class SelectionEvaluator {
  private readonly resolving: string[] = [];

  constructor(
    private readonly graph: DepGraph,
    private readonly context: MethodContext,
    private readonly defaultMode: IndirectSelection,
    private readonly selectors?: SelectorsFile,
    private readonly onUnmatched?: (spec: string) => void,
  ) {}

  /** The direct and held-back sets for a spec. */
  evaluate(spec: SelectionSpec): SelectionSets {
    if (spec.kind === "criterion") {
      const criterion = spec.criterion;
      const matched = this.match(criterion);
      if (matched.size === 0) this.onUnmatched?.(criterion.raw);
      return expandIndirect(this.graph, this.applyGraphOperators(criterion, matched), criterion.indirectSelection ?? this.defaultMode);
    }
    const parts = spec.kind === "difference" ? [spec.include, spec.exclude] : spec.parts;
    const bundles = parts.map((part) => this.evaluate(part));
    const direct = combine(spec.kind, bundles.map((bundle) => bundle.direct));
    const indirect = combine(spec.kind, bundles.map((bundle) => new Set([...bundle.direct, ...bundle.indirect])));
    return { direct: incorporateIndirect(this.graph, direct, indirect, spec.indirectSelection ?? this.defaultMode), indirect };
  }

  /** The members a criterion's method matches, before graph operators. */
  private match(criterion: SelectionCriterion): Set<string> {
    if (criterion.method === "selector") return this.resolveSelector(criterion);
    const method = SELECTOR_METHODS[criterion.method];
    const matches = method({ value: criterion.value, args: criterion.methodArgs, raw: criterion.raw }, this.context);
    const matched = new Set<string>();
    for (const id of this.graph.ids()) {
      const member = this.graph.member(id);
      if (member && matches(member)) matched.add(id);
    }
    return matched;
  }

  private applyGraphOperators(criterion: SelectionCriterion, matched: Set<string>): Set<string> {
    const selected = new Set(matched);
    if (criterion.childrensParents) {
      for (const id of this.graph.descendants(matched)) selected.add(id);
      for (const id of this.graph.ancestors(selected)) selected.add(id);
      return selected;
    }
    if (criterion.parents) for (const id of this.graph.ancestors(matched, criterion.parentsDepth)) selected.add(id);
    if (criterion.children) for (const id of this.graph.descendants(matched, criterion.childrenDepth)) selected.add(id);
    return selected;
  }

  private resolveSelector(criterion: SelectionCriterion): Set<string> {
    const name = criterion.value;
    const definition = this.selectors?.selectors[name];
    if (!definition) {
      const known = Object.keys(this.selectors?.selectors ?? {}).sort();
      throw selectionError(
        `The selection spec '${criterion.raw}' refers to the selector '${name}', which is not defined in selectors.yml.`,
        suggestionHint(name, known, "selector"),
      );
    }
    if (this.resolving.includes(name)) {
      throw selectionError(
        `The selector '${name}' refers to itself: ${[...this.resolving, name].join(" → ")}.`,
        "Remove one of these 'method: selector' references so that the selectors no longer loop.",
        { file: definition.file, line: definition.line, col: definition.col },
      );
    }
    this.resolving.push(name);
    try {
      return this.evaluate(definition.definition).direct;
    } finally {
      this.resolving.pop();
    }
  }
}
