import { suggestionHint } from "./closest-names";
import { METHOD_NAMES } from "./methods/method-names";
import { selectionError, type SelectionErrorLocation } from "./selection-error";
import type { SelectionCriterion } from "./selection-spec";

// [@][N+][method[.arg…]:]value[+N]
const SPEC_PATTERN = /^(@)?(?:(\d*)\+)?(?:([A-Za-z_][\w.]*):)?(.*?)(?:\+(\d*))?$/s;

/** The method used when a spec names none: a path, a file name, or else a name/fqn. */
export function defaultMethodFor(value: string): string {
  if (value.includes("/") || value.includes("\\")) return "path";
  if (/\.(sql|py|csv)$/i.test(value)) return "file";
  return "fqn";
}

function depth(text: string | undefined): number | undefined {
  return text ? Number(text) : undefined;
}

/**
 * Parses one spec such as `+tag:nightly`, `config.materialized:table+2` or `@orders`.
 *
 * @throws DiagnosticError (TSDBT-E021) for an unknown method or a malformed spec
 */
export function parseCriterion(raw: string, location: SelectionErrorLocation = {}): SelectionCriterion {
  const match = SPEC_PATTERN.exec(raw.trim());
  const value = match?.[4] ?? "";
  if (!match || value === "") {
    throw selectionError(
      `The selection spec '${raw}' is malformed: it names no node, method value or path.`,
      "Write specs as [@][N+][method:]value[+N], for example 'orders', 'tag:nightly+' or '2+path:models/staging'.",
      location,
    );
  }
  const [, at, parentsDepth, methodText, , childrenDepth] = match;
  if (at && parentsDepth !== undefined) {
    throw selectionError(
      `The selection spec '${raw}' combines the '@' and '+' prefixes, which cannot be used together.`,
      `'@x' already selects x's descendants and all of their ancestors; write '@${methodText ? `${methodText}:` : ""}${value}'.`,
      location,
    );
  }
  if (value.startsWith("+") || (value.endsWith("+") && childrenDepth === undefined) || /\+\+/.test(raw)) {
    throw selectionError(
      `The selection spec '${raw}' is malformed: '+' may appear once before the value and once after it.`,
      "Write '+x' for x and its ancestors, 'x+' for x and its descendants, '2+x' to stop after two levels.",
      location,
    );
  }
  const [method, ...methodArgs] = methodText ? methodText.split(".") : [defaultMethodFor(value)];
  if (!methodText && method === "fqn" && value !== "." && /^\.|\.$|\.\./.test(value)) {
    const [first] = value.split(".");
    throw selectionError(
      `The selection spec '${raw}' is malformed: a dotted name has an empty part.`,
      METHOD_NAMES.includes(first!) ? `A method takes its value after a colon, for example '${first === "config" ? "config.materialized:table" : `${first}:value`}'.` : "Write the dotted name in full, for example 'staging.orders'.",
      location,
    );
  }
  validateMethod(raw, method, methodArgs, value, location);
  return {
    raw,
    method,
    methodArgs,
    value,
    parents: parentsDepth !== undefined,
    parentsDepth: depth(parentsDepth),
    children: childrenDepth !== undefined,
    childrenDepth: depth(childrenDepth),
    childrensParents: Boolean(at),
  };
}

/**
 * Checks a method name and its dotted arguments.
 *
 * @throws DiagnosticError (TSDBT-E021) for an unknown method or misplaced arguments
 */
export function validateMethod(
  raw: string,
  method: string,
  methodArgs: readonly string[],
  value: string,
  location: SelectionErrorLocation = {},
): void {
  if (!METHOD_NAMES.includes(method)) {
    throw selectionError(
      `The selection spec '${raw}' uses the unknown method '${method}'.`,
      suggestionHint(method, METHOD_NAMES, "selector method"),
      location,
    );
  }
  if (method === "config" && methodArgs.length === 0) {
    throw selectionError(
      `The selection spec '${raw}' uses the config method without naming a config key.`,
      "Name the key after a dot, for example 'config.materialized:table'.",
      location,
    );
  }
  if (method !== "config" && methodArgs.length > 0) {
    throw selectionError(
      `The selection spec '${raw}' gives the method '${method}' arguments ('.${methodArgs.join(".")}'), but only 'config' takes them.`,
      `Put the dotted part in the value instead, for example '${method}:${[...methodArgs, value].join(".")}'.`,
      location,
    );
  }
}
