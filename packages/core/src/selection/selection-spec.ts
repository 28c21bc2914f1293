/** How tests that hang off selected nodes are pulled in (dbt's `--indirect-selection`). */
export type IndirectSelection = "eager" | "cautious" | "buildable" | "empty";

/** Every indirect-selection mode, for validation and hints. */
export const INDIRECT_SELECTION_MODES: readonly IndirectSelection[] = ["eager", "cautious", "buildable", "empty"];

/** One `method:value` spec with its graph operators, e.g. `2+tag:nightly+`. */
export interface SelectionCriterion {
  /** The text as the user wrote it, for messages. */
  raw: string;
  /** Method name before any dot: `config` for `config.materialized`. */
  method: string;
  /** Dotted arguments after the method name: `["materialized"]` for `config.materialized`. */
  methodArgs: string[];
  value: string;
  /** Select ancestors too (`+x`), up to `parentsDepth` edges when set. */
  parents: boolean;
  parentsDepth?: number;
  /** Select descendants too (`x+`), up to `childrenDepth` edges when set. */
  children: boolean;
  childrenDepth?: number;
  /** `@x`: descendants and every ancestor of those descendants. */
  childrensParents: boolean;
  /** Set by selectors.yml; when unset the run's `--indirect-selection` applies. */
  indirectSelection?: IndirectSelection;
}

/**
 * A set expression over criteria; what `--select`/`--exclude` and selectors.yml become.
 * An unset `indirectSelection` means the run's `--indirect-selection`.
 */
export type SelectionSpec =
  | { kind: "criterion"; criterion: SelectionCriterion }
  | { kind: "union" | "intersection"; parts: SelectionSpec[]; indirectSelection?: IndirectSelection }
  | { kind: "difference"; include: SelectionSpec; exclude: SelectionSpec; indirectSelection?: IndirectSelection };
