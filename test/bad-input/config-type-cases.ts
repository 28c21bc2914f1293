/**
 * Generated cases: for each documented config key, a value of the wrong type written in the three
 * places dbt reads configs (dbt_project.yml `+key`, a properties file's `config:`, a `config()` call),
 * plus the other config trees and properties sections. Every one must be TSDBT-E028 at its line.
 */
import { CONFIG_KEY_TYPES, type ConfigValueType } from "@tsdbt/core";
import { project, type BadInputCase } from "./bad-input-case";

/** A wrong value for each type: as YAML text and as a Jinja (Python) literal. */
const WRONG: Record<ConfigValueType, { yaml: string; jinja: string }> = {
  boolean: { yaml: "maybe", jinja: "'maybe'" },
  string: { yaml: "[a, b]", jinja: "['a', 'b']" },
  integer: { yaml: "ten", jinja: "'ten'" },
  mapping: { yaml: "just_text", jinja: "'just_text'" },
  "string-or-list": { yaml: "{a: 1}", jinja: "{'a': 1}" },
  hooks: { yaml: "{a: 1}", jinja: "{'a': 1}" },
  docs: { yaml: "shown", jinja: "'shown'" },
  contract: { yaml: "{enforced: maybe}", jinja: "{'enforced': 'maybe'}" },
  "persist-docs": { yaml: "yes", jinja: "True" },
  enum: { yaml: "sometimes", jinja: "'sometimes'" },
};

const keys = Object.entries(CONFIG_KEY_TYPES);

/** `models: +key: value` in dbt_project.yml: line 8. */
const inProject: BadInputCase[] = keys.map(([key, t]) => ({
  id: `dbt_project.yml models +${key}: ${WRONG[t.type].yaml}`,
  files: project(`models:\n  +${key}: ${WRONG[t.type].yaml}\n`),
  code: "TSDBT-E028",
  file: "dbt_project.yml",
  line: 8,
  col: key.length + 6,
}));

/** `config: key: value` on a model of a properties file: line 5. */
const inProperties: BadInputCase[] = keys.map(([key, t]) => ({
  id: `schema.yml config ${key}: ${WRONG[t.type].yaml}`,
  files: { "models/schema.yml": `version: 2\nmodels:\n  - name: customers\n    config:\n      ${key}: ${WRONG[t.type].yaml}\n` },
  code: "TSDBT-E028",
  file: "models/schema.yml",
  line: 5,
}));

/** `{{ config(key=value) }}` on the model's second line (keys that are Python names). */
const inConfigCall: BadInputCase[] = keys
  .filter(([key]) => /^[a-z_]+$/.test(key))
  .map(([key, t]) => ({
    id: `config(${key}=${WRONG[t.type].jinja})`,
    files: { "models/orders.sql": `select 10 as order_id, 1 as customer_id\n{{ config(${key}=${WRONG[t.type].jinja}) }}\n` },
    code: "TSDBT-E028",
    file: "models/orders.sql",
    line: 2,
    col: 10,
  }));

/** The other config trees of dbt_project.yml, one level down (the project's own name). */
const TREES = ["seeds", "snapshots", "tests", "data_tests", "sources", "exposures", "metrics", "unit_tests", "semantic-models", "saved-queries"];
const inTrees: BadInputCase[] = TREES.flatMap((tree) =>
  [
    ["enabled", "'no way'"],
    ["tags", "{a: 1}"],
    ["meta", "[1, 2]"],
  ].map(([key, value]) => ({
    id: `dbt_project.yml ${tree} fixture +${key}: ${value}`,
    files: project(`${tree}:\n  fixture:\n    +${key}: ${value}\n`),
    code: "TSDBT-E028",
    file: "dbt_project.yml",
    line: 9,
  })),
);

/** `config:` blocks of other properties entries. */
const SEED = { "seeds/countries.csv": "code,name\nNL,Netherlands\n" };
const inOtherEntries: BadInputCase[] = [
  { id: "seed config enabled: maybe", files: { ...SEED, "seeds/props.yml": "version: 2\nseeds:\n  - name: countries\n    config:\n      enabled: maybe\n" }, code: "TSDBT-E028", file: "seeds/props.yml", line: 5 },
  { id: "seed config quote_columns: sometimes", files: { ...SEED, "seeds/props.yml": "version: 2\nseeds:\n  - name: countries\n    config:\n      quote_columns: sometimes\n" }, code: "TSDBT-E028", file: "seeds/props.yml", line: 5 },
  { id: "seed config column_types: a list", files: { ...SEED, "seeds/props.yml": "version: 2\nseeds:\n  - name: countries\n    config:\n      column_types: [varchar]\n" }, code: "TSDBT-E028", file: "seeds/props.yml", line: 5 },
  { id: "source config enabled: 'off please'", files: { "models/src.yml": "version: 2\nsources:\n  - name: raw\n    config:\n      enabled: 'off please'\n    tables:\n      - name: orders\n" }, code: "TSDBT-E028", file: "models/src.yml", line: 5 },
  { id: "source table config meta: text", files: { "models/src.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n        config:\n          meta: text\n" }, code: "TSDBT-E028", file: "models/src.yml", line: 7 },
  { id: "source config freshness: a list", files: { "models/src.yml": "version: 2\nsources:\n  - name: raw\n    config:\n      freshness: [12, hour]\n    tables:\n      - name: orders\n" }, code: "TSDBT-E028", file: "models/src.yml", line: 5 },
  { id: "exposure config enabled: 2", files: { "models/exp.yml": "version: 2\nexposures:\n  - name: dash\n    type: dashboard\n    owner: {email: a@b.c}\n    config:\n      enabled: 2\n" }, code: "TSDBT-E028", file: "models/exp.yml", line: 7 },
  { id: "data test config severity: fatal", files: { "models/schema.yml": "version: 2\nmodels:\n  - name: customers\n    columns:\n      - name: id\n        data_tests:\n          - unique:\n              config:\n                severity: fatal\n" }, code: "TSDBT-E028", file: "models/schema.yml", line: 9 },
  { id: "data test config where: a list", files: { "models/schema.yml": "version: 2\nmodels:\n  - name: customers\n    data_tests:\n      - dbt_utils.x:\n          config:\n            where: [a]\n" }, code: "TSDBT-E028", file: "models/schema.yml", line: 7 },
  { id: "data test config store_failures: often", files: { "models/schema.yml": "version: 2\nmodels:\n  - name: customers\n    columns:\n      - name: id\n        data_tests:\n          - not_null:\n              config:\n                store_failures: often\n" }, code: "TSDBT-E028", file: "models/schema.yml", line: 9 },
  { id: "snapshot config strategy: a list", files: { "snapshots/props.yml": "version: 2\nsnapshots:\n  - name: snap\n    config:\n      strategy: [timestamp]\n" }, code: "TSDBT-E028", file: "snapshots/props.yml", line: 5 },
  { id: "analysis config enabled: perhaps", files: { "analyses/props.yml": "version: 2\nanalyses:\n  - name: an\n    config:\n      enabled: perhaps\n" }, code: "TSDBT-E028", file: "analyses/props.yml", line: 5 },
  { id: "config({...}) dict with enabled: 'notbool'", files: { "models/orders.sql": "{{ config({'enabled': 'notbool'}) }}\nselect 10 as order_id, 1 as customer_id\n" }, code: "TSDBT-E028", file: "models/orders.sql", line: 1 },
  { id: "config.set('full_refresh', 'yes please')", files: { "models/orders.sql": "select 10 as order_id, 1 as customer_id\n{% do config.set('full_refresh', 'yes please') %}\n" }, code: "TSDBT-E028", file: "models/orders.sql", line: 2 },
  { id: "config() in a snapshot block: unique_key mapping", files: { "snapshots/snap.sql": "{% snapshot snap %}\n{{ config(unique_key={'a': 1}, strategy='check', check_cols='all') }}\nselect 1 as id\n{% endsnapshot %}\n" }, code: "TSDBT-E028", file: "snapshots/snap.sql", line: 2 },
];

/** Every generated config-type case. */
export const CONFIG_TYPE_CASES: BadInputCase[] = [...inProject, ...inProperties, ...inConfigCall, ...inTrees, ...inOtherEntries];
