import { createHash } from "node:crypto";
import { pyStr } from "@tsdbt/jinja";

/** The two names dbt gives a generic test: the full one (name, fqn, unique id) and the one short enough for a relation. */
export interface GenericTestNames {
  /** `<test type>_<target>_<flattened arguments>`: the node's name, fqn leaf and unique id part. */
  fullName: string;
  /** The full name when under 64 characters; else its first 30 identifying characters, `_`, and the md5 of the full name. Used as alias and file name. */
  shortName: string;
}

/** Longest full name kept as the relation name (dbt keeps names under 64 characters). */
const MAX_NAME_LENGTH = 63;
const IDENTIFYING_PREFIX_LENGTH = 30;

/**
 * Flattens test arguments (except `model`) in key order into name parts: a mapping gives its
 * values, a list its items, anything else itself, each printed as Python's `str()` would.
 */
function flattenArguments(args: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const key of Object.keys(args).sort(comparePython)) {
    if (key === "model") continue;
    const value = args[key];
    const items = Array.isArray(value) ? value : value !== null && typeof value === "object" ? Object.values(value) : [value];
    for (const item of items) parts.push(pyStr(item));
  }
  return parts;
}

/** Python's string order (by code point), which differs from JS's UTF-16 order only past U+FFFF. */
function comparePython(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Builds a generic test's names from its type (`not_null`, `source_unique`, `dbt_utils_expression_is_true`),
 * its target (`orders`, `<source>_<table>`, `<model>_v<version>`) and its keyword arguments
 * (including `column_name`), as dbt-core 1.10 names schema tests.
 */
export function synthesizeGenericTestNames(testType: string, targetName: string, args: Record<string, unknown>): GenericTestNames {
  const unique = flattenArguments(args)
    .map((part) => part.replace(/[^0-9a-zA-Z_]+/gu, "_"))
    .join("__");
  const identifier = `${testType}_${targetName}`;
  const fullName = `${identifier}_${unique}`;
  if (Array.from(fullName).length <= MAX_NAME_LENGTH) return { fullName, shortName: fullName };
  const prefix = Array.from(identifier).slice(0, IDENTIFYING_PREFIX_LENGTH).join("");
  return { fullName, shortName: `${prefix}_${createHash("md5").update(fullName, "utf8").digest("hex")}` };
}

/** The test type part of a name: `[<namespace>_][source_]<test>`. */
export function genericTestType(testName: string, namespace: string | null, onSource: boolean): string {
  const base = onSource ? `source_${testName}` : testName;
  return namespace ? `${namespace}_${base}` : base;
}
