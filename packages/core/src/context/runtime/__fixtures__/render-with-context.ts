import type { QueryResult, RelationRef } from "@tsdbt/adapter-api";
import { createEnvironment } from "@tsdbt/jinja";
import { DBT_FILTERS } from "../../dbt-filters";
import { MacroRegistry } from "../../macro-registry";
import { createNodeContext, type NodeScope, type RenderSession } from "../../node-context";
import type { SyncWarehouse } from "../../warehouse";
import { relationFactory, relationFlavour } from "../relation-api";

/** A warehouse stub: canned relations, columns and query results; records every statement. */
export interface FakeWarehouse extends SyncWarehouse {
  statements: string[];
}

/** Builds a {@link FakeWarehouse}. `columns` maps `schema.identifier` to `[name, type]` pairs. */
export function fakeWarehouse(options: { relations?: RelationRef[]; columns?: Record<string, [string, string][]>; results?: (sql: string) => QueryResult | undefined } = {}): FakeWarehouse {
  const statements: string[] = [];
  return {
    type: "postgres",
    statements,
    executeSync: (sql) => {
      statements.push(sql);
      return options.results?.(sql) ?? { columns: [], rows: [], rowsAffected: 0 };
    },
    getColumnsSync: (r) => (options.columns?.[`${r.schema}.${r.identifier}`] ?? []).map(([name, dataType]) => ({ name, dataType })),
    listRelationsSync: (_db, schema) => (options.relations ?? []).filter((r) => r.schema === schema),
  };
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

/**
 * Renders `template` as one node of a postgres target (database `test`, schema `rel_helper`)
 * would see it, at parse time (`execute: false`, parse config) or at run time.
 */
export function renderWithContext(
  template: string,
  options: { execute?: boolean; warehouse?: SyncWarehouse; config?: Record<string, unknown>; flags?: Record<string, unknown>; macros?: Record<string, string> } = {},
): string {
  const naming = { database: "test", schema: "rel_helper", quote, quoting: {}, relation: relationFlavour("postgres") };
  const session: RenderSession = {
    env: createEnvironment({ filters: DBT_FILTERS }),
    registry: new MacroRegistry("relo", ["postgres", "default"]),
    base: { flags: { FULL_REFRESH: false, STORE_FAILURES: false, ...options.flags } },
    adapterType: "postgres",
    quote,
    relations: naming,
  };
  for (const [name, source] of Object.entries(options.macros ?? {})) session.registry.add({ name, source, file: "macros/m.sql", line: 1, packageName: "relo", uniqueId: `macro.relo.${name}` });
  const make = relationFactory(naming);
  const execute = options.execute ?? true;
  const m1 = make({ database: "test", schema: "rel_helper", identifier: "m1" });
  // while parsing, dbt's ref() and source() give the relation of the node being parsed
  const own = make({ database: "test", schema: "rel_helper", identifier: "inline_query" });
  const config = options.config ?? {};
  const scope: NodeScope = {
    model: { unique_id: "model.relo.inline_query", name: "inline_query" },
    packageName: "relo",
    thisRelation: own,
    ref: () => (execute ? m1 : own),
    source: (s, t) => (execute ? make({ database: "test", schema: s, identifier: t }) : own),
    config: { set: (v) => Object.assign(config, v), get: (k) => config[k] },
    configPhase: execute ? "runtime" : "parse",
    execute,
    isIncremental: false,
    warehouse: options.warehouse,
    makeRelation: make,
  };
  const { context, resolveGlobal } = createNodeContext(session, scope);
  return session.env.render(template, context, { file: "inline.sql", resolveGlobal });
}
