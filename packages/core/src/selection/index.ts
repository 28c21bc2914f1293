/** dbt's node selection grammar over the dependency graph. */
export { selectNodes, selectionSpecFor, type SelectionOptions } from "./select-nodes";
export { parseSelectorsFile, type SelectorDefinition, type SelectorsFile } from "./selectors-file";
export { parseCliValues } from "./cli-selection";
export { parseCriterion, defaultMethodFor } from "./parse-criterion";
export { SelectionEvaluator } from "./evaluate-selection";
export { SELECTION_ERROR_CODE, STATE_REQUIRED_CODE } from "./selection-error";
export { METHOD_NAMES } from "./methods/method-names";
export {
  INDIRECT_SELECTION_MODES,
  type IndirectSelection,
  type SelectionCriterion,
  type SelectionSpec,
} from "./selection-spec";
export type { SelectionSets } from "./indirect-selection";
