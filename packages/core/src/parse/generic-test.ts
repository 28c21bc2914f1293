import { createHash } from "node:crypto";
import type { ManifestNode } from "../manifest/types";
import { createNode } from "./node-factory";

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
  /** Arguments passed to the test macro (without model/column_name). */
  args: Record<string, unknown>;
  /** Config from `config:` and legacy top-level keys. */
  config: Record<string, unknown>;
  /** A user-given name (`name:`), replacing the generated one. */
  customName: string | null;
  description: string;
}

/** Keys of a test entry that are config rather than arguments (dbt's legacy form). */
const CONFIG_KEYS = new Set(["severity", "tags", "enabled", "where", "limit", "warn_if", "error_if", "fail_calc", "store_failures", "store_failures_as", "meta", "database", "schema", "alias"]);

/**
 * Reads one entry of a `tests:`/`data_tests:` list: `unique`, `{accepted_values: {values: […]}}`,
 * `{relationships: {to: ref('x'), field: id}}`, `{dbt_utils.expression_is_true: {...}}`, with
 * `arguments:` and `config:` sub-keys, or `{name: …, test_name: …}`. Returns an error sentence on a bad shape.
 */
export function readTestDefinition(entry: unknown): GenericTestDefinition | string {
  let fullName: string;
  let body: Record<string, unknown> = {};
  if (typeof entry === "string") fullName = entry;
  else if (entry && typeof entry === "object" && !Array.isArray(entry)) {
    const obj = entry as Record<string, unknown>;
    if (typeof obj.test_name === "string") {
      fullName = obj.test_name;
      body = { ...obj };
      delete body.test_name;
    } else {
      const keys = Object.keys(obj);
      if (keys.length !== 1) return `a test entry must have exactly one key (the test's name), found ${keys.length}: ${keys.join(", ")}`;
      fullName = keys[0];
      const inner = obj[fullName];
      if (inner !== null && inner !== undefined && (typeof inner !== "object" || Array.isArray(inner))) return `the arguments of test '${fullName}' must be a mapping`;
      body = { ...((inner as Record<string, unknown>) ?? {}) };
    }
  } else return "a test entry must be a test name or a mapping";

  const dot = fullName.lastIndexOf(".");
  const namespace = dot > 0 ? fullName.slice(0, dot) : null;
  const testName = dot > 0 ? fullName.slice(dot + 1) : fullName;
  const config: Record<string, unknown> = { ...((body.config as Record<string, unknown>) ?? {}) };
  const customName = typeof body.name === "string" ? body.name : null;
  const description = typeof body.description === "string" ? body.description : "";
  let args: Record<string, unknown> = {};
  if (body.arguments && typeof body.arguments === "object") args = { ...(body.arguments as Record<string, unknown>) };
  for (const [k, v] of Object.entries(body)) {
    if (k === "config" || k === "name" || k === "description" || k === "arguments") continue;
    if (CONFIG_KEYS.has(k)) config[k] = v;
    else args[k] = v;
  }
  return { testName, namespace, args, config, customName, description };
}

function flatArgParts(args: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const key of Object.keys(args).sort()) {
    if (key === "model") continue;
    const v = args[key];
    const values = Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : [v];
    for (const x of values) parts.push(String(typeof x === "string" ? x : pyStr(x)).replace(/[^0-9a-zA-Z_]+/g, "_"));
  }
  return parts;
}

function pyStr(x: unknown): string {
  if (x === null || x === undefined) return "None";
  if (x === true) return "True";
  if (x === false) return "False";
  return String(x);
}

/** The test's name as dbt builds it: `<test>_<target>_<args>`, shortened with a hash past 64 characters. */
export function genericTestName(def: GenericTestDefinition, target: TestTarget): string {
  const prefix = def.namespace ? `${def.namespace.replace(/\./g, "_")}_${def.testName}` : def.testName;
  const targetName = target.kind === "source" ? `source_${target.sourceName}_${target.name}` : target.name;
  const args = target.column !== undefined ? { column_name: target.column, ...def.args } : def.args;
  const unique = flatArgParts(args).join("__");
  const identifier = `${prefix}_${targetName}`;
  const full = unique ? `${identifier}_${unique}` : identifier;
  if (full.length < 64) return full;
  return `${identifier.slice(0, 30)}_${createHash("md5").update(full).digest("hex")}`;
}

/** Builds the test node for one definition on one target. */
export function buildGenericTestNode(def: GenericTestDefinition, target: TestTarget, folderFqn: string[]): ManifestNode {
  const name = def.customName ?? genericTestName(def, target);
  const targetCall = target.kind === "source" ? `source('${target.sourceName}', '${target.name}')` : `ref('${target.name}'${target.version !== undefined ? `, version=${JSON.stringify(target.version)}` : ""})`;
  const kwargs: Record<string, unknown> = { ...def.args, model: `{{ get_where_subquery(${targetCall}) }}` };
  if (target.column !== undefined) kwargs.column_name = target.column;
  const macroName = def.namespace ? `${def.namespace}.test_${def.testName}` : `test_${def.testName}`;
  const rawCode = `{{ ${macroName}(**_dbt_generic_test_kwargs) }}`;
  const hash = createHash("md5").update(`${name}|${JSON.stringify(kwargs)}|${target.file}`).digest("hex").slice(0, 10);
  const node = createNode({
    resourceType: "test",
    packageName: target.packageName,
    name,
    path: `${name}.sql`,
    originalFilePath: target.file,
    fqn: [target.packageName, ...folderFqn, name],
    rawCode,
    uniqueId: `test.${target.packageName}.${name}.${hash}`,
    checksum: { name: "none", checksum: "" },
  });
  node.column_name = target.column ?? null;
  node.test_metadata = { name: def.testName, kwargs, namespace: def.namespace };
  node.file_key_name = target.kind === "source" ? `sources.${target.sourceName}` : `${target.kind}s.${target.name}`;
  node.description = def.description;
  if (target.kind === "source") node.sources.push([target.sourceName!, target.name]);
  else node.refs.push({ name: target.name, package: null, version: target.version ?? null });
  return node;
}
