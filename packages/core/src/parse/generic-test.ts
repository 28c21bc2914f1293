import type { ManifestNode } from "../manifest/types";
import { pyStr } from "@tsdbt/jinja";
import { createNode } from "./node-factory";
import { genericTestType, synthesizeGenericTestNames, type GenericTestNames } from "./generic-test-name";
import { genericTestHash } from "./generic-test-hash";

/** What a generic test is attached to. */
export interface TestTarget {
  kind: "model" | "seed" | "snapshot" | "source" | "analysis";
  /** Model/seed/snapshot name, or the source table's name. */
  name: string;
  /** For sources: the source's name. */
  sourceName?: string;
  packageName: string;
  /** Properties file the test is written in, relative to the project. */
  file: string;
  /** Model version, when the test is on a versioned model. */
  version?: string | number;
  column?: string;
}

/** A generic test definition as read from YAML, before it becomes a node. */
export interface GenericTestDefinition {
  /** Test macro name without namespace (`unique`, `expression_is_true`). */
  testName: string;
  namespace: string | null;
  /** Keyword arguments of the test macro in dbt's order, `column_name` included for a column test, `model` excluded. */
  args: Record<string, unknown>;
  /** Config from `config:` and legacy top-level keys. */
  config: Record<string, unknown>;
  /** A user-given name (`name:`), replacing the generated one. */
  customName: string | null;
  description: string;
}

/** Keys of a test entry that are config rather than arguments (dbt's legacy form). */
export const CONFIG_KEYS = ["severity", "tags", "enabled", "where", "limit", "warn_if", "error_if", "fail_calc", "store_failures", "store_failures_as", "meta", "database", "schema", "alias"];

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Reads one entry of a `tests:`/`data_tests:` list: `unique`, `{accepted_values: {values: […]}}`,
 * `{relationships: {to: ref('x'), field: id}}`, `{dbt_utils.expression_is_true: {...}}`, with
 * `arguments:` and `config:` sub-keys, or `{name: …, test_name: …}`. For a column test, `column`
 * becomes the `column_name` argument. The arguments keep dbt's order (the entry's keys, then
 * `column_name`, then the keys under `arguments:`). Returns an error sentence on a bad shape.
 */
export function readTestDefinition(entry: unknown, column?: string): GenericTestDefinition | string {
  let fullName: string;
  let body: Record<string, unknown> = {};
  if (typeof entry === "string") fullName = entry;
  else if (isMapping(entry)) {
    if (entry.test_name !== undefined) {
      if (typeof entry.test_name !== "string") return "'test_name' must be a string";
      fullName = entry.test_name;
      body = { ...entry };
      delete body.test_name;
    } else {
      const keys = Object.keys(entry);
      if (keys.length !== 1) return `a test entry must have exactly one key (the test's name), found ${keys.length}: ${keys.join(", ")}`;
      fullName = keys[0];
      const inner = entry[fullName];
      if (inner !== null && inner !== undefined && !isMapping(inner)) return `the arguments of test '${fullName}' must be a mapping`;
      body = { ...(inner ?? {}) };
    }
  } else return "a test entry must be a test name or a mapping";
  const m = /^(?:([a-zA-Z_][0-9a-zA-Z_]*)\.)?([a-zA-Z_][0-9a-zA-Z_]*)$/.exec(fullName);
  if (!m) return `'${fullName}' is not a test name (write 'test' or 'package.test')`;
  const namespace = m[1] ?? null;
  const testName = m[2];

  if (column !== undefined) body.column_name = column;
  if ("arguments" in body) {
    const nested = body.arguments;
    delete body.arguments;
    if (isMapping(nested)) body = { ...body, ...nested };
  }
  if ("model" in body) return "'model' cannot be given as an argument: it is always the resource the test is attached to";
  const ownConfig: Record<string, unknown> = isMapping(body.config) ? { ...body.config } : {};
  delete body.config;
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    let value = body[key];
    delete body[key];
    if (!value && key in ownConfig) {
      value = ownConfig[key];
      delete ownConfig[key];
    }
    if (value !== null && value !== undefined) config[key] = value;
  }
  Object.assign(config, ownConfig);
  const description = typeof body.description === "string" ? body.description : "";
  delete body.description;
  const customName = body.name !== undefined && body.name !== null ? String(body.name) : null;
  delete body.name;
  return { testName, namespace, args: body, config, customName, description };
}

/** The target's part of a test name: the model (`_v<version>` when versioned), or `<source>_<table>`. */
function targetNamePart(target: TestTarget): string {
  if (target.kind === "source") return `${target.sourceName}_${target.name}`;
  return target.version !== undefined ? `${target.name}_v${target.version}` : target.name;
}

/** The test's names as dbt builds them: `[<namespace>_][source_]<test>_<target>_<args>`, with a hashed short form past 63 characters. */
export function genericTestNames(def: GenericTestDefinition, target: TestTarget): GenericTestNames {
  return synthesizeGenericTestNames(genericTestType(def.testName, def.namespace, target.kind === "source"), targetNamePart(target), def.args);
}

/** The `{{ config(...) }}` dbt appends to a generic test's raw code for the config written on the test (none when empty). */
function configCall(config: Record<string, unknown>): string {
  const items = Object.entries(config).map(([k, v]) => `${k}=${typeof v === "string" ? `"${v.replace(/"/g, '\\"')}"` : pyStr(v)}`);
  return items.length ? `{{ config(${items.join(",")}) }}` : "";
}

/** Builds the test node for one definition on one target (the definition's args include `column_name` for a column test). */
export function buildGenericTestNode(def: GenericTestDefinition, target: TestTarget, folderFqn: string[]): ManifestNode {
  const names = genericTestNames(def, target);
  const name = def.customName ?? names.fullName;
  const fileName = def.customName ?? names.shortName;
  if (def.customName === null && names.shortName !== names.fullName && !("alias" in def.config)) def.config.alias = names.shortName;
  const targetCall = target.kind === "source" ? `source('${target.sourceName}', '${target.name}')` : target.version !== undefined ? `ref('${target.name}', version='${target.version}')` : `ref('${target.name}')`;
  const kwargs: Record<string, unknown> = { ...def.args, model: `{{ get_where_subquery(${targetCall}) }}` };
  const macroName = def.namespace ? `${def.namespace}.test_${def.testName}` : `test_${def.testName}`;
  const rawCode = `{{ ${macroName}(**_dbt_generic_test_kwargs) }}${configCall(def.config)}`;
  const metadata = { name: def.testName, kwargs, namespace: def.namespace };
  const node = createNode({
    resourceType: "test",
    packageName: target.packageName,
    name,
    path: `${fileName}.sql`,
    originalFilePath: target.file,
    fqn: [target.packageName, ...folderFqn, name],
    rawCode,
    uniqueId: `test.${target.packageName}.${name}.${genericTestHash(name, metadata)}`,
    checksum: { name: "none", checksum: "" },
  });
  node.column_name = target.column ?? null;
  node.test_metadata = metadata;
  node.file_key_name = target.kind === "source" ? `sources.${target.sourceName}` : `${target.kind}s.${target.name}`;
  node.attached_node = target.kind === "source" ? null : `${target.kind}.${target.packageName}.${target.name}${target.version !== undefined ? `.v${target.version}` : ""}`;
  node.description = def.description;
  if (target.kind === "source") node.sources.push([target.sourceName!, target.name]);
  else node.refs.push({ name: target.name, package: null, version: target.version ?? null });
  return node;
}
