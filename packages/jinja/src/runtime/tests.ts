import { MACRO } from "./macro";
import { compare, contains, mod } from "./operators";
import { PyDecimal } from "./py-decimal";
import { STR_METHODS } from "./python-methods";
import { isDict, isFloat, numberOf, PyFloat, pyEquals, pyStr, PY_MAPPING, truthy } from "./values";

/** A Jinja2 test: `value is name(args)`. */
export type TestFn = (value: unknown, ...args: unknown[]) => boolean;

const isNumber = (v: unknown): boolean => typeof v === "number" || v instanceof PyFloat || v instanceof PyDecimal;

/** Jinja2's built-in tests. */
export const BUILTIN_TESTS: Record<string, TestFn> = {
  boolean: (v) => typeof v === "boolean",
  // Jinja2's Undefined is callable (calling it fails later)
  callable: (v) => typeof v === "function" || v === undefined,
  defined: (v) => v !== undefined,
  undefined: (v) => v === undefined,
  none: (v) => v === null,
  // Jinja2's `value % n == 0` (`== 1` for odd), with Python's errors for a string or a zero
  divisibleby: (v, n) => pyEquals(mod(v, n), 0),
  even: (v) => pyEquals(mod(v, 2), 0),
  odd: (v) => pyEquals(mod(v, 2), 1),
  eq: (v, o) => pyEquals(v, o),
  equalto: (v, o) => pyEquals(v, o),
  "==": (v, o) => pyEquals(v, o),
  ne: (v, o) => !pyEquals(v, o),
  "!=": (v, o) => !pyEquals(v, o),
  lt: (v, o) => compare("<", v, o),
  lessthan: (v, o) => compare("<", v, o),
  "<": (v, o) => compare("<", v, o),
  le: (v, o) => compare("<=", v, o),
  "<=": (v, o) => compare("<=", v, o),
  gt: (v, o) => compare(">", v, o),
  greaterthan: (v, o) => compare(">", v, o),
  ">": (v, o) => compare(">", v, o),
  ge: (v, o) => compare(">=", v, o),
  ">=": (v, o) => compare(">=", v, o),
  in: (v, seq) => contains(seq, v),
  false: (v) => v === false,
  true: (v) => v === true,
  float: (v) => isFloat(v),
  integer: (v) => typeof v === "number" && Number.isInteger(v),
  number: (v) => isNumber(v) || typeof v === "boolean",
  string: (v) => typeof v === "string",
  mapping: (v) => isDict(v) || v instanceof Map || (typeof v === "object" && v !== null && (v as { [PY_MAPPING]?: boolean })[PY_MAPPING] === true),
  // Jinja2's Undefined iterates (as empty) and has a length: iterable and a sequence
  iterable: (v) => v === undefined || typeof v === "string" || (typeof v === "object" && v !== null && (Symbol.iterator in v || isDict(v))),
  sequence: (v) => v === undefined || typeof v === "string" || Array.isArray(v) || isDict(v),
  sameas: (v, o) => v === o,
  escaped: (v) => typeof v === "object" && v !== null && "__html__" in v,
  // Python's str.islower()/isupper() of str(value): some cased character, none of the other case
  lower: (v) => STR_METHODS.islower(pyStr(v), [], {}, () => undefined) === true,
  upper: (v) => STR_METHODS.isupper(pyStr(v), [], {}, () => undefined) === true,
};
