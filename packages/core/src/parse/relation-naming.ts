import type { Relation } from "@tsdbt/adapter-api";
import { relationFactory, type RelationTarget } from "../context/runtime/relation-api";
import type { ManifestNode } from "../manifest/types";
import { createNodeContext, type NodeScope, type RenderSession } from "../context/node-context";
import { refCallFrom } from "./capture-scope";

/** What naming needs from the target and project. */
export interface NamingTarget extends RelationTarget {
  database: string | null;
  schema: string;
  quote: (id: string) => string;
  /** dbt_project.yml `quoting:` (default: quote every part). */
  quoting: { database?: boolean; schema?: boolean; identifier?: boolean };
}

const MACROS = ["generate_database_name", "generate_schema_name", "generate_alias_name"] as const;

type NamingMacro = (typeof MACROS)[number];

/**
 * The scope the naming macros run in. As in dbt, it is not the node's: the node is only their
 * `node` argument, `model` is the macro itself, `this` is none and `config.get()` gives none
 * (dbt-core 1.10: `model.name` is 'generate_schema_name', `config.get('materialized')` None).
 */
function namingScope(macro: NamingMacro, packageName: string, target: NamingTarget): NodeScope {
  const make = relationFactory(target);
  const named = (identifier: string) => make({ database: target.database, schema: target.schema, identifier });
  return {
    model: { name: macro, resource_type: "macro", package_name: packageName, unique_id: `macro.${packageName}.${macro}` },
    packageName,
    thisRelation: null,
    ref: (args, kwargs) => named(refCallFrom(args, kwargs).name),
    source: (_sourceName, tableName) => named(tableName),
    config: { set: () => undefined, get: () => undefined },
    configPhase: "runtime",
    execute: false,
    isIncremental: false,
    makeRelation: make,
  };
}

/** Each session's naming macros, bound once per package (a context per node took ~5 % of a parse of mattermost). */
const namingMacros = new WeakMap<RenderSession, Map<string, (...args: unknown[]) => unknown>>();

function namingMacro(session: RenderSession, macro: NamingMacro, packageName: string, target: NamingTarget): (...args: unknown[]) => unknown {
  let bound = namingMacros.get(session);
  if (!bound) namingMacros.set(session, (bound = new Map()));
  const key = `${packageName}\u0000${macro}`;
  let fn = bound.get(key);
  if (!fn) bound.set(key, (fn = createNodeContext(session, namingScope(macro, packageName, target)).resolveGlobal(macro) as (...args: unknown[]) => unknown));
  return fn;
}

/**
 * Sets `database`, `schema`, `alias` and `relation_name` of a node as dbt does: through
 * generate_database_name / generate_schema_name / generate_alias_name, using the project's
 * own versions of those macros when it defines them and the built-in rules otherwise
 * (a custom schema becomes `<target schema>_<custom>`).
 */
export function assignRelationName(node: ManifestNode, session: RenderSession, target: NamingTarget): void {
  const overridden = MACROS.filter((m) => session.registry.isOverridden(m, node.package_name));
  const custom = { database: node.config.database ?? null, schema: node.config.schema ?? null, alias: node.config.alias ?? null };
  let database = custom.database ?? target.database;
  let schema = custom.schema === null ? target.schema : `${target.schema}_${String(custom.schema).trim()}`;
  let alias = custom.alias ? String(custom.alias).trim() : node.version !== undefined && node.version !== null ? `${node.name}_v${String(node.version).replace(/\./g, "_")}` : node.name;
  if (overridden.length > 0) {
    const call = (name: NamingMacro, arg: unknown): string => String(namingMacro(session, name, node.package_name, target)(arg, node)).trim();
    if (overridden.includes("generate_database_name")) database = call("generate_database_name", custom.database) || null;
    if (overridden.includes("generate_schema_name")) schema = call("generate_schema_name", custom.schema);
    if (overridden.includes("generate_alias_name")) alias = call("generate_alias_name", custom.alias);
  }
  node.database = database;
  node.schema = schema;
  node.alias = alias;
  const buildsRelation = ["model", "seed", "snapshot"].includes(node.resource_type) && node.config.materialized !== "ephemeral";
  node.relation_name = buildsRelation ? relationFor(node, target).render() : null;
}

/** The relation a node builds. */
export function relationFor(node: Pick<ManifestNode, "database" | "schema" | "alias">, target: NamingTarget): Relation {
  return relationFactory(target)({ database: node.database, schema: node.schema, identifier: node.alias, type: null });
}
