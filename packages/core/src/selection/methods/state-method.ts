import { selectionError, STATE_REQUIRED_CODE } from "../selection-error";
import { StateComparison, type StateChange } from "./state-comparison";
import { requireOneOf, type SelectorMethod } from "./selector-method";

const CHANGES: readonly StateChange[] = ["body", "configs", "relation", "persisted_descriptions", "macros", "contract"];
const STATE_VALUES = ["new", "old", "modified", "unmodified", ...CHANGES.map((change) => `modified.${change}`)];

/**
 * `state:` compares with the manifest given as `state`: `new` (absent there), `old`
 * (present there), `modified` (new, or changed in any way), `modified.<body|configs|relation|
 * persisted_descriptions|macros|contract>` (new, or changed in that way), `unmodified` (old and unchanged).
 *
 * @throws DiagnosticError TSDBT-E020 when no state manifest was given
 */
export const stateMethod: SelectorMethod = (input, { manifest, state }) => {
  if (!state) {
    throw selectionError(
      `The selection spec '${input.raw}' compares with a previous run, but no state manifest was given.`,
      "Pass --state <dir> pointing at the target/ folder (holding manifest.json) of the run to compare with.",
      {},
      STATE_REQUIRED_CODE,
    );
  }
  requireOneOf(input, "state", STATE_VALUES);
  const comparison = new StateComparison(manifest, state);
  const wanted = input.value.startsWith("modified.") ? [input.value.slice("modified.".length) as StateChange] : CHANGES;
  return (member) => {
    const old = comparison.previousOf(member.unique_id);
    if (input.value === "new") return old === undefined;
    if (input.value === "old") return old !== undefined;
    if (old === undefined) return input.value.startsWith("modified");
    const changed = wanted.some((change) => comparison.differs(member, old, change));
    return input.value === "unmodified" ? !changed : changed;
  };
};
