import type { ManifestNode, RefCall } from "../manifest/types";
import { withParseTimeBatch } from "./parse-time-batch";
import type { NodeScope } from "../context/node-context";
import { relationFactory, type RelationTarget } from "../context/runtime/relation-api";
import { CompilerError } from "../context/compiler-error";

/** What the parse pass needs to know about the target to fake relations. */
export interface CaptureTarget extends RelationTarget {
  database: string | null;
  schema: string;
}

/** Reads a `ref(...)` call's arguments: `ref('m')`, `ref('pkg', 'm')`, `ref('m', version=2)`. */
export function refCallFrom(args: unknown[], kwargs: Record<string, unknown>): RefCall {
  const version = (kwargs.version ?? kwargs.v ?? null) as string | number | null;
  if (args.length === 1) return { name: String(args[0]), package: null, version };
  if (args.length === 2) return { name: String(args[1]), package: String(args[0]), version };
  throw new CompilerError("TSDBT-E012", `ref() takes one or two arguments (a model name, or a package and a model name); got ${args.length}.`, "Write ref('model_name') or ref('package_name', 'model_name').");
}

/**
 * The scope used while parsing: `ref`, `source` and `config` calls are recorded on the node
 * (refs, sources, config_call_dict); nothing touches a warehouse. As in dbt, `ref()` and
 * `source()` return the relation of the node being parsed (target database and schema, the
 * node's alias), not of what they name; `config.get` gives what dbt's parse-time config object gives.
 */
export function createCaptureScope(
  node: ManifestNode,
  target: CaptureTarget,
  configView: () => Record<string, unknown>,
): NodeScope & { macros: string[]; onMacro: (uniqueId: string) => void } {
  const macros: string[] = [];
  const make = relationFactory(target);
  const own = () => make({ database: target.database, schema: target.schema, identifier: node.alias || node.name });
  return {
    model: withParseTimeBatch(node) as unknown as Record<string, unknown>,
    packageName: node.package_name,
    thisRelation: own(),
    configPhase: "parse",
    ref: (args, kwargs) => {
      // every call is recorded, a repeated one too, as dbt's manifest lists them
      node.refs.push(refCallFrom(args, kwargs));
      return own();
    },
    source: (sourceName, tableName) => {
      node.sources.push([sourceName, tableName]);
      return own();
    },
    config: {
      set: (values) => Object.assign(node.config_call_dict, values),
      get: (key) => ({ ...configView(), ...node.config_call_dict })[key],
    },
    execute: false,
    isIncremental: false,
    makeRelation: make,
    onMacro: (uniqueId) => {
      if (!macros.includes(uniqueId)) macros.push(uniqueId);
    },
    macros,
  };
}
