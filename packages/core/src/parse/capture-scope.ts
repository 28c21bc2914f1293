import { Relation, type RelationRef } from "@tsdbt/adapter-api";
import type { ManifestNode, RefCall } from "../manifest/types";
import type { NodeScope } from "../context/node-context";
import type { RegisteredMacro } from "../context/macro-registry";
import { CompilerError } from "../context/compiler-error";

/** What the parse pass needs to know about the target to fake relations. */
export interface CaptureTarget {
  database: string | null;
  schema: string;
  quote: (id: string) => string;
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
 * (refs, sources, config_call_dict) and return stand-in relations; nothing touches a warehouse.
 */
export function createCaptureScope(
  node: ManifestNode,
  target: CaptureTarget,
  configView: () => Record<string, unknown>,
): NodeScope & { macros: Set<string> } {
  const macros = new Set<string>();
  const make = (ref: RelationRef) => new Relation(ref, target.quote);
  return {
    model: node as unknown as Record<string, unknown>,
    packageName: node.package_name,
    thisRelation: make({ database: target.database, schema: target.schema, identifier: node.alias }),
    ref: (args, kwargs) => {
      const call = refCallFrom(args, kwargs);
      if (!node.refs.some((r) => r.name === call.name && r.package === call.package && r.version === call.version)) node.refs.push(call);
      return make({ database: target.database, schema: target.schema, identifier: call.name });
    },
    source: (sourceName, tableName) => {
      if (!node.sources.some(([s, t]) => s === sourceName && t === tableName)) node.sources.push([sourceName, tableName]);
      return make({ database: target.database, schema: sourceName, identifier: tableName });
    },
    config: {
      set: (values) => Object.assign(node.config_call_dict, values),
      get: (key) => ({ ...configView(), ...node.config_call_dict })[key],
    },
    execute: false,
    isIncremental: false,
    makeRelation: make,
    onMacro: (m: RegisteredMacro) => macros.add(m.uniqueId),
    macros,
  };
}
