import * as jsyaml from "js-yaml";
import { PyFloat } from "@tsdbt/jinja";

/**
 * A js-yaml schema that reads scalars the way PyYAML (and so dbt) does: YAML 1.1 booleans
 * (yes/no/on/off), floats only with a dot (`1e3` stays text), dates kept as text, merge keys.
 */
const bool = new jsyaml.Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(data),
  construct: (data: string) => /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(data),
  predicate: (v: unknown) => typeof v === "boolean",
  represent: { lowercase: (v: object) => (v ? "true" : "false") },
  defaultStyle: "lowercase",
});

const FLOAT = /^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$|^[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;

const float = new jsyaml.Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && FLOAT.test(data),
  construct: (data: string) => {
    const v = data.replace(/_/g, "").toLowerCase();
    if (v.endsWith(".inf")) return v.startsWith("-") ? -Infinity : Infinity;
    if (v.endsWith(".nan")) return NaN;
    return Number(v);
  },
  predicate: (v: unknown) => typeof v === "number" && !Number.isInteger(v),
  represent: (v: object) => String(v),
});

type TaggedType = jsyaml.Type & { tag: string };
const core = jsyaml.CORE_SCHEMA as unknown as { implicit: TaggedType[]; explicit: TaggedType[] };
const builtin = (jsyaml as unknown as { types: Record<"merge" | "omap" | "pairs" | "set", jsyaml.Type> }).types;
const withoutBoolFloat = core.implicit.filter((t) => t.tag !== "tag:yaml.org,2002:bool" && t.tag !== "tag:yaml.org,2002:float");

/** The schema used for every YAML file tsdbt reads. */
export const PYYAML_SCHEMA = new jsyaml.Schema({
  implicit: [...withoutBoolFloat, bool, float, builtin.merge],
  explicit: [...core.explicit, builtin.omap, builtin.pairs, builtin.set],
});

const keptFloat = new jsyaml.Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (data: string | null) => data !== null && FLOAT.test(data),
  construct: (data: string) => new PyFloat(float.construct(data) as number),
  instanceOf: PyFloat,
});

/** {@link PYYAML_SCHEMA}, except that every float is a {@link PyFloat}, so `1.0` stays a float. */
const FLOAT_KEEPING_SCHEMA = new jsyaml.Schema({
  implicit: [...withoutBoolFloat, bool, keptFloat, builtin.merge],
  explicit: [...core.explicit, builtin.omap, builtin.pairs, builtin.set],
});

/**
 * Parses YAML text as {@link loadPyYaml} does (the last of a repeated key wins), but with every
 * float as a {@link PyFloat}: for what needs Python's view of a value, where `1.0` is not `1`.
 * Throws js-yaml's error on bad input.
 */
export function loadPyYamlKeepingFloats(text: string): unknown {
  return jsyaml.load(text, { schema: FLOAT_KEEPING_SCHEMA, json: true });
}

/**
 * Parses YAML text to plain values with {@link PYYAML_SCHEMA}; throws js-yaml's error on bad
 * input. A key written twice in one mapping is an error unless `lastKeyWins` is set: then, as
 * PyYAML (and so dbt) reads it, the last value is kept.
 */
export function loadPyYaml(text: string, lastKeyWins = false): unknown {
  return jsyaml.load(text, { schema: PYYAML_SCHEMA, json: lastKeyWins });
}

/** Whether a js-yaml error is about a key written twice in one mapping. */
export function isDuplicateKeyError(e: unknown): boolean {
  return e instanceof jsyaml.YAMLException && /duplicated mapping key/.test(e.reason ?? e.message);
}
