import type { Node, Pair, YAMLMap } from "yaml";

/** The `yaml` package, loaded only when a selectors file is read. */
const yaml = () => require("yaml") as typeof import("yaml");
import { parseCliValues } from "./cli-selection";
import { validateMethod } from "./parse-criterion";
import { selectionError } from "./selection-error";
import { INDIRECT_SELECTION_MODES, type IndirectSelection, type SelectionCriterion, type SelectionSpec } from "./selection-spec";
import type { Locate } from "./selectors-file";

const CRITERION_KEYS = [
  "method",
  "value",
  "parents",
  "children",
  "childrens_parents",
  "parents_depth",
  "children_depth",
  "indirect_selection",
  "exclude",
];

function keyOf(pair: Pair): string {
  return yaml().isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** The text of a YAML scalar (a string, number or boolean), or undefined for null, a list or a mapping. */
export function scalarText(node: unknown): string | undefined {
  // typeof null is "object": an empty value is no text
  return yaml().isScalar(node) && typeof node.value !== "object" ? String(node.value) : undefined;
}

/**
 * Parses one selectors.yml definition: a CLI-style string, a `method: value` pair, a full
 * mapping (`method`, `value`, `parents`, `children`, `childrens_parents`, `*_depth`,
 * `indirect_selection`, `exclude`), or `union:`/`intersection:` lists whose `exclude:` item
 * is subtracted from the combined set.
 *
 * @throws DiagnosticError (TSDBT-E021) naming the line and column of the first problem
 */
export function parseSelectorDefinition(node: Node, locate: Locate): SelectionSpec {
  const fail = (message: string, hint: string, at: unknown = node): never => {
    throw selectionError(message, hint, locate(at as Node));
  };
  const text = scalarText(node);
  if (text !== undefined) {
    return parseCliValues([text], locate(node)) ?? fail("A selector definition is an empty string.", "Write a spec such as 'tag:nightly'.");
  }
  if (!yaml().isMap(node)) return fail("A selector definition must be a string or a mapping.", "Use 'tag:nightly', 'tag: nightly', or a mapping with 'method' and 'value'.");
  const keys = node.items.map(keyOf);
  for (const operator of ["union", "intersection"] as const) {
    if (!keys.includes(operator)) continue;
    if (keys.length > 1) fail(`'${operator}:' must be the only key of its mapping.`, `Move ${keys.filter((key) => key !== operator).join(", ")} into an item of the list.`);
    return parseSetOperator(operator, node.get(operator, true) as Node, locate);
  }
  if (keys.includes("method")) return parseFullCriterion(node, keys, locate);
  if (keys.length === 1 && keys[0] !== "exclude") {
    const method = keys[0];
    const value = scalarText(node.items[0].value) ?? fail(`The value of '${method}:' must be a string.`, `Write '${method}: <value>'.`, node.items[0].value);
    return { kind: "criterion", criterion: criterionFrom(method, value, {}, node, locate) };
  }
  return fail(
    `A selector definition with the keys ${keys.map((key) => `'${key}'`).join(", ")} is not understood.`,
    "Use 'union:', 'intersection:', a single 'method: value' pair, or a mapping with 'method' and 'value'.",
  );
}

function parseSetOperator(kind: "union" | "intersection", list: Node, locate: Locate): SelectionSpec {
  if (!yaml().isSeq(list)) throw selectionError(`'${kind}:' must hold a list of definitions.`, `Write '${kind}:' followed by '- ' items.`, locate(list));
  const parts: SelectionSpec[] = [];
  let exclusion: SelectionSpec | undefined;
  for (const item of list.items as Node[]) {
    if (!(yaml().isMap(item) && item.items.length === 1 && keyOf(item.items[0]) === "exclude")) {
      parts.push(parseSelectorDefinition(item, locate));
      continue;
    }
    // dbt refuses a second exclude item too
    if (exclusion) throw selectionError(`'${kind}:' has more than one 'exclude:' item.`, "List every exclusion under a single 'exclude:'.", locate(item));
    exclusion = parseExclude(item.get("exclude", true) as Node, locate);
  }
  if (parts.length === 0) throw selectionError(`'${kind}:' lists nothing to select besides exclusions.`, "Add at least one definition that selects nodes.", locate(list));
  const include: SelectionSpec = { kind, parts };
  return exclusion ? { kind: "difference", include, exclude: exclusion } : include;
}

/** An `exclude:` value: a list of definitions, as dbt requires (a single string is refused there too). */
function parseExclude(node: Node, locate: Locate): SelectionSpec {
  if (!yaml().isSeq(node)) throw selectionError("'exclude:' must hold a list of definitions.", "Write 'exclude:' followed by '- ' items.", locate(node));
  return { kind: "union", parts: (node.items as Node[]).map((item) => parseSelectorDefinition(item, locate)) };
}

function parseFullCriterion(node: YAMLMap, keys: string[], locate: Locate): SelectionSpec {
  const unknown = keys.filter((key) => !CRITERION_KEYS.includes(key));
  if (unknown.length > 0) {
    throw selectionError(`The selector definition has the unknown key '${unknown[0]}'.`, `Allowed keys are: ${CRITERION_KEYS.join(", ")}.`, locate(node));
  }
  const method = scalarText(node.get("method", true));
  const value = scalarText(node.get("value", true));
  if (!method || value === undefined) {
    throw selectionError("A selector definition with 'method' must also give a 'value'.", "Write 'method: tag' and 'value: nightly'.", locate(node));
  }
  const criterion = criterionFrom(method, value, readFlags(node, locate), node, locate);
  const excludeNode = node.get("exclude", true) as Node | undefined;
  const spec: SelectionSpec = { kind: "criterion", criterion };
  return excludeNode ? { kind: "difference", include: spec, exclude: parseExclude(excludeNode, locate) } : spec;
}

type Flags = Partial<Omit<SelectionCriterion, "raw" | "method" | "methodArgs" | "value">>;

/**
 * The graph flags of a full definition, read as dbt reads them: `parents_depth` and
 * `children_depth` only limit `parents: true` and `children: true` (alone they select nothing
 * more), a depth of 0 means no limit, and `childrens_parents` adds to `parents`/`children`.
 */
function readFlags(node: YAMLMap, locate: Locate): Flags {
  const flag = (key: string): boolean => {
    const entry = node.get(key, true);
    if (entry === undefined) return false;
    if (yaml().isScalar(entry) && typeof entry.value === "boolean") return entry.value;
    throw selectionError(`'${key}' must be true or false.`, `Write '${key}: true'.`, locate(entry as Node));
  };
  const depth = (key: string): number | undefined => {
    const entry = node.get(key, true);
    if (entry === undefined) return undefined;
    if (yaml().isScalar(entry) && Number.isInteger(entry.value) && (entry.value as number) >= 0) return (entry.value as number) || undefined;
    throw selectionError(`'${key}' must be a whole number of at least 0.`, `Write '${key}: 1' for direct neighbours only, or leave it out for no limit.`, locate(entry as Node));
  };
  const modeNode = node.get("indirect_selection", true);
  const mode = scalarText(modeNode);
  if (modeNode !== undefined && !INDIRECT_SELECTION_MODES.includes(mode as IndirectSelection)) {
    throw selectionError(`'indirect_selection' is '${mode}', which is not a mode.`, `Use one of: ${INDIRECT_SELECTION_MODES.join(", ")}.`, locate(modeNode as Node));
  }
  return {
    parents: flag("parents"),
    parentsDepth: depth("parents_depth"),
    children: flag("children"),
    childrenDepth: depth("children_depth"),
    childrensParents: flag("childrens_parents"),
    indirectSelection: mode as IndirectSelection | undefined,
  };
}

function criterionFrom(methodText: string, value: string, flags: Flags, node: Node, locate: Locate): SelectionCriterion {
  const raw = `${methodText}:${value}`;
  const [method, ...methodArgs] = methodText.split(".");
  validateMethod(raw, method, methodArgs, value, locate(node));
  return { raw, method, methodArgs, value, parents: false, children: false, childrensParents: false, ...flags };
}
