import * as jsyaml from "js-yaml";

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
export const PYYAML_SCHEMA = pyYamlSchemaWithFloat(float);

/** {@link PYYAML_SCHEMA} with another type for floats (float-keeping-yaml.ts: one that keeps `1.0` a float). */
export function pyYamlSchemaWithFloat(floatType: jsyaml.Type): jsyaml.Schema {
  return new jsyaml.Schema({
    implicit: [...withoutBoolFloat, bool, floatType, builtin.merge],
    explicit: [...core.explicit, builtin.omap, builtin.pairs, builtin.set],
  });
}

/** Whether PyYAML reads this plain scalar as a float, and {@link pyYamlFloat} its value. */
export const isPyYamlFloat = (data: string | null): data is string => data !== null && FLOAT.test(data);
export const pyYamlFloat = (data: string): number => float.construct(data) as number;

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
