import type { DepGraph } from "../graph/dep-graph";
import type { Manifest } from "../manifest/types";
import { parseCliValues } from "./cli-selection";
import { suggestionHint } from "./closest-names";
import { SelectionEvaluator } from "./evaluate-selection";
import { SELECTABLE_RESOURCE_TYPES } from "./methods/attribute-methods";
import { selectionError } from "./selection-error";
import type { IndirectSelection, SelectionSpec } from "./selection-spec";
import type { SelectorsFile } from "./selectors-file";

/** What to select, as a dbt command line says it. */
export interface SelectionOptions {
  /** `--select` values; each may hold several space-separated specs. */
  select?: string[];
  /** `--exclude` values, removed from the selection. */
  exclude?: string[];
  /** `--selector`: the name of a selector in `selectors`. Cannot be combined with select/exclude. */
  selector?: string;
  /** Parsed selectors.yml, for `--selector`, `selector:` specs and the default selector. */
  selectors?: SelectorsFile;
  /** The manifest of an earlier run (`--state`), for `state:` specs. */
  state?: Manifest;
  /** `--resource-type`: keep only these resource types (`all` keeps every type). */
  resourceTypes?: string[];
  /** `--indirect-selection`; `eager` when omitted. */
  indirectSelection?: IndirectSelection;
  /**
   * CLI-style specs used when nothing was asked for and selectors.yml has no default selector
   * (every node, source and exposure when omitted), e.g. `["resource_type:model"]` for `run`.
   */
  defaultSelection?: string[];
  /** Called with each spec that matched nothing, so the caller can warn (it is not an error); the built-in "everything" specs are not reported. */
  onUnmatched?: (spec: string) => void;
}

const RESOURCE_TYPE_FLAGS: readonly string[] = [...SELECTABLE_RESOURCE_TYPES, "all"];

const EVERYTHING = ["fqn:*", "source:*"];

function nonEmpty(values: string[] | undefined): values is string[] {
  return values !== undefined && values.some((value) => value.trim() !== "");
}

/** Turns the options into one set expression, following dbt's precedence. */
export function selectionSpecFor(options: SelectionOptions): SelectionSpec {
  const { select, exclude, selector, selectors } = options;
  if (selector !== undefined) {
    if (nonEmpty(select) || nonEmpty(exclude)) {
      throw selectionError(
        `--selector '${selector}' was given together with --select or --exclude, which it would silently override.`,
        "Use either --selector or --select/--exclude; to combine them, write a selector that refers to the other with 'method: selector'.",
      );
    }
    const definition = selectors?.selectors[selector];
    if (!definition) {
      throw selectionError(
        `--selector '${selector}' names a selector that is not defined in selectors.yml.`,
        suggestionHint(selector, Object.keys(selectors?.selectors ?? {}).sort(), "selector"),
      );
    }
    return definition.definition;
  }
  if (nonEmpty(select) || nonEmpty(exclude)) {
    const include = parseCliValues(nonEmpty(select) ? select : EVERYTHING) as SelectionSpec;
    const excluded = parseCliValues(exclude ?? []);
    return excluded ? { kind: "difference", include, exclude: excluded } : include;
  }
  const defaultSelector = selectors?.defaultSelector;
  if (defaultSelector !== undefined) return (selectors as SelectorsFile).selectors[defaultSelector].definition;
  return parseCliValues(nonEmpty(options.defaultSelection) ? options.defaultSelection : EVERYTHING) as SelectionSpec;
}

/**
 * Selects nodes with dbt's grammar: space-separated specs are a union, comma-joined ones an
 * intersection, `--exclude` is subtracted; graph operators (`+x`, `x+n`, `@x`), every method,
 * selectors.yml, and indirect selection of tests. A spec that matches nothing is not an error.
 *
 * @returns the selected unique ids, sorted
 * @throws DiagnosticError TSDBT-E021 for an unknown method, malformed spec, unknown selector or
 *   resource type; TSDBT-E020 for `state:` without `state`
 */
export function selectNodes(manifest: Manifest, graph: DepGraph, options: SelectionOptions = {}): string[] {
  const requestedTypes = options.resourceTypes ?? [];
  for (const type of requestedTypes) {
    if (!RESOURCE_TYPE_FLAGS.includes(type)) {
      throw selectionError(`--resource-type '${type}' is not a resource type.`, suggestionHint(type, RESOURCE_TYPE_FLAGS, "resource type"));
    }
  }
  const context = { manifest, state: options.state };
  const onUnmatched = options.onUnmatched && ((spec: string) => EVERYTHING.includes(spec) || options.onUnmatched?.(spec));
  const evaluator = new SelectionEvaluator(graph, context, options.indirectSelection ?? "eager", options.selectors, onUnmatched);
  const selected = evaluator.evaluate(selectionSpecFor(options)).direct;
  const types = requestedTypes.length > 0 && !requestedTypes.includes("all") ? new Set(requestedTypes) : undefined;
  return [...selected].filter((id) => !types || types.has(graph.member(id)?.resource_type ?? "")).sort();
}
