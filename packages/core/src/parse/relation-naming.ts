import type { Relation } from "@tsdbt/adapter-api";
import { relationFactory, type RelationTarget } from "../context/runtime/relation-api";
import type { ManifestNode } from "../manifest/types";
import { createNodeContext, type NodeScope, type RenderSession } from "../context/node-context";

/** What naming needs from the target and project. */
export interface NamingTarget extends RelationTarget {
  database: string | null;
  schema: string;
  quote: (id: string) => string;
  /** dbt_project.yml `quoting:` (default: quote every part). */
  quoting: { database?: boolean; schema?: boolean; identifier?: boolean };
}

const MACROS = ["generate_database_name", "generate_schema_name", "generate_alias_name"] as const;

/**
 * Sets `database`, `schema`, `alias` and `relation_name` of a node as dbt does: through
 * generate_database_name / generate_schema_name / generate_alias_name, using the project's
 * own versions of those macros when it defines them and the built-in rules otherwise
 * (a custom schema becomes `<target schema>_<custom>`).
 */
export function assignRelationName(node: ManifestNode, session: RenderSession, target: NamingTarget, scopeFor: (node: ManifestNode) => NodeScope): void {
  const overridden = MACROS.filter((m) => session.registry.isOverridden(m, node.package_name));
  const custom = { database: node.config.database ?? null, schema: node.config.schema ?? null, alias: node.config.alias ?? null };
  let database = custom.database ?? target.database;
  let schema = custom.schema === null ? target.schema : `${target.schema}_${String(custom.schema).trim()}`;
  let alias = custom.alias ? String(custom.alias).trim() : node.version !== undefined && node.version !== null ? `${node.name}_v${String(node.version).replace(/\./g, "_")}` : node.name;
  if (overridden.length > 0) {
    const { resolveGlobal } = createNodeContext(session, scopeFor(node));
    const call = (name: string, arg: unknown): string => {
      const fn = resolveGlobal(name) as (...a: unknown[]) => unknown;
      return String(fn(arg, node)).trim();
    };
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
