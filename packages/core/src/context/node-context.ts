import type { Column, Relation, RelationRef } from "@tsdbt/adapter-api";
import { hostFunction, type JinjaEnvironment } from "@tsdbt/jinja";
import { CompilerError, WarehouseNeededError } from "./compiler-error";
import { didYouMean } from "../diagnostics/closest-names";
import type { MacroRegistry, RegisteredMacro } from "./macro-registry";
import { agateTable, type SyncWarehouse } from "./warehouse";

/** The config a template sees: `config(...)` records, `config.get(key, default)` reads. */
export interface ConfigAccess {
  /** Called for `config(key=value, …)` or `config({...})`. */
  set(values: Record<string, unknown>): void;
  /** The current value of a config key. */
  get(key: string): unknown;
}

/** What a template can reach for one node (or one hook, test or inline query). */
export interface NodeScope {
  /** The node as `model` in templates (its manifest entry). */
  model: Record<string, unknown>;
  packageName: string;
  /** The relation this node builds, as `this`. */
  thisRelation: Relation | null;
  ref: (args: unknown[], kwargs: Record<string, unknown>) => Relation;
  source: (sourceName: string, tableName: string) => Relation;
  config: ConfigAccess;
  /** `execute`: false while parsing. */
  execute: boolean;
  isIncremental: boolean;
  warehouse?: SyncWarehouse;
  /** Builds a relation from parts (adapter.get_relation, api.Relation.create). */
  makeRelation: (ref: RelationRef) => Relation;
  /** Records a macro a node calls (depends_on.macros). */
  onMacro?: (macro: RegisteredMacro) => void;
  /** Extra names (graph, results, schemas, …). */
  extra?: Record<string, unknown>;
}

/** The pieces shared by every node context of one invocation. */
export interface RenderSession {
  env: JinjaEnvironment;
  registry: MacroRegistry;
  base: Record<string, unknown>;
  adapterType: string;
  quote: (identifier: string) => string;
  /** `var` for nodes of installed packages (their scoped vars). */
  varFor?: (packageName: string) => unknown;
}

/** A render context and the `resolveGlobal` hook for lazy macro lookup. */
export interface NodeRenderContext {
  context: Record<string, unknown>;
  resolveGlobal: (name: string) => unknown;
}

function requireWarehouse(scope: NodeScope, what: string): SyncWarehouse | null {
  if (!scope.execute) return null;
  if (!scope.warehouse) throw new WarehouseNeededError(what);
  return scope.warehouse;
}

/**
 * Builds the context for rendering one node: ref, source, config, this, model, is_incremental,
 * execute, adapter (dispatch, quote, introspection), run_query, statement/load_result, and
 * every macro visible from the node's package, bound lazily on first use.
 */
export function createNodeContext(session: RenderSession, scope: NodeScope): NodeRenderContext {
  const ctx: Record<string, unknown> = Object.create(session.base);
  const bound = new Map<string, unknown>();
  const results = new Map<string, unknown>();

  const bind = (macro: RegisteredMacro): unknown => {
    const key = macro.uniqueId;
    let fn = bound.get(key);
    if (fn === undefined) {
      scope.onMacro?.(macro);
      // a macro from another package resolves its own unqualified calls in that package
      const macroResolve = macro.packageName === scope.packageName ? resolveGlobal : (name: string) => resolveFrom(name, macro.packageName);
      fn = session.env.bindMacro(macro, ctx, macroResolve);
      bound.set(key, fn);
    }
    return fn;
  };
  const namespaces = new Map<string, unknown>();
  const namespace = (pkg: string): unknown => {
    let ns = namespaces.get(pkg);
    if (!ns) {
      ns = new Proxy(
        {},
        {
          get: (_t, name) => {
            if (typeof name !== "string") return undefined;
            const m = session.registry.inPackage(pkg, name);
            return m ? bind(m) : undefined;
          },
          has: (_t, name) => typeof name === "string" && session.registry.inPackage(pkg, name) !== undefined,
        },
      );
      namespaces.set(pkg, ns);
    }
    return ns;
  };
  const resolveFrom = (name: string, pkg: string): unknown => {
    const m = session.registry.resolve(name, pkg);
    if (m) return bind(m);
    if (session.registry.hasPackage(name)) return namespace(name);
    return undefined;
  };
  const resolveGlobal = (name: string): unknown => resolveFrom(name, scope.packageName);

  const dispatch = hostFunction(([name, ns], kw) => {
    const macroName = String(name);
    const macroNamespace = (kw.macro_namespace ?? ns ?? null) as string | null;
    const found = session.registry.dispatch(macroName, macroNamespace, scope.packageName);
    if (!found) {
      const hint = didYouMean(macroName, session.registry.visibleNames(scope.packageName));
      throw new CompilerError(
        "TSDBT-E011",
        `No macro named '${macroName}' to dispatch to${macroNamespace ? ` in namespace '${macroNamespace}'` : ""} (looked for ${session.adapterType}__${macroName} and default__${macroName}).`,
        hint ?? `Define a macro named default__${macroName}.`,
      );
    }
    return bind(found);
  });

  const columnObject = (c: Column) => ({
    name: c.name,
    column: c.name,
    data_type: c.dataType,
    dtype: c.dataType,
    quoted: session.quote(c.name),
    is_string: () => /char|text|string/i.test(c.dataType),
    is_number: () => /int|num|dec|float|double|real/i.test(c.dataType),
    toString: () => c.name,
  });

  const runQuery = (sql: unknown) => {
    const wh = requireWarehouse(scope, "run_query");
    if (!wh) return null;
    return agateTable(wh.executeSync(String(sql)));
  };

  const adapter = {
    dispatch,
    quote: (s: string) => session.quote(String(s)),
    type: () => session.adapterType,
    get_columns_in_relation: (rel: RelationRef) => {
      const wh = requireWarehouse(scope, "adapter.get_columns_in_relation");
      return wh ? wh.getColumnsSync(rel).map(columnObject) : [];
    },
    get_relation: hostFunction(([database, schema, identifier], kw) => {
      const wh = requireWarehouse(scope, "adapter.get_relation");
      if (!wh) return null;
      const db = (kw.database ?? database ?? null) as string | null;
      const sch = String(kw.schema ?? schema);
      const id = String(kw.identifier ?? identifier);
      const found = wh.listRelationsSync(db, sch).find((r) => r.identifier.toLowerCase() === id.toLowerCase());
      return found ? scope.makeRelation({ ...found, database: found.database ?? db }) : null;
    }),
    list_relations_without_caching: (schemaRelation: RelationRef) => {
      const wh = requireWarehouse(scope, "adapter.list_relations_without_caching");
      return wh ? wh.listRelationsSync(schemaRelation.database ?? null, schemaRelation.schema).map(scope.makeRelation) : [];
    },
    execute: hostFunction(([sql], kw) => {
      const wh = requireWarehouse(scope, "adapter.execute");
      if (!wh) return [{ code: "", rows_affected: 0 }, agateTable({ columns: [], rows: [] })];
      const r = wh.executeSync(String(sql), { fetch: Boolean(kw.fetch) });
      return [{ code: "OK", rows_affected: r.rowsAffected ?? -1, _message: "OK" }, agateTable(r)];
    }),
  };

  const config = Object.assign(
    hostFunction(([dict], kw) => {
      const values = dict && typeof dict === "object" ? { ...(dict as Record<string, unknown>), ...kw } : kw;
      scope.config.set(values);
      return "";
    }),
    {
      get: (key: string, dflt?: unknown) => {
        const v = scope.config.get(String(key));
        return v === undefined || v === null ? (dflt ?? null) : v;
      },
      require: (key: string) => {
        const v = scope.config.get(String(key));
        if (v === undefined || v === null) throw new CompilerError("TSDBT-E032", `Config '${key}' is required for ${String(scope.model.unique_id ?? "this node")}.`);
        return v;
      },
    },
  );

  if (scope.packageName !== session.registry.rootPackage && session.varFor) ctx.var = session.varFor(scope.packageName);
  Object.assign(ctx, {
    ref: hostFunction((args, kw) => scope.ref(args, kw)),
    source: hostFunction(([s, t]) => scope.source(String(s), String(t))),
    config,
    this: scope.thisRelation,
    model: scope.model,
    execute: scope.execute,
    is_incremental: () => scope.isIncremental,
    should_full_refresh: () => Boolean(scope.config.get("full_refresh")),
    adapter,
    run_query: runQuery,
    statement: hostFunction(([name], kw) => {
      const caller = kw.caller as (() => unknown) | undefined;
      const sql = caller ? String(caller()) : "";
      const wh = requireWarehouse(scope, "statement");
      if (wh) {
        const r = wh.executeSync(sql, { fetch: Boolean(kw.fetch_result) });
        results.set(String(name), { response: { code: "OK", rows_affected: r.rowsAffected ?? -1 }, table: agateTable(r), data: r.rows.map((row) => r.columns.map((c) => row[c.name])) });
      }
      return "";
    }),
    load_result: (name: string) => results.get(String(name)) ?? null,
    store_result: hostFunction(([name, response, table], kw) => {
      results.set(String(name), { response: kw.response ?? response, table: kw.agate_table ?? table });
      return "";
    }),
    api: { Relation: { create: hostFunction((_a, kw) => scope.makeRelation(kw as unknown as RelationRef)) } },
    builtins: { ref: ctx.ref, source: ctx.source, config },
    dbt: namespace("dbt"),
    ...scope.extra,
  });
  return { context: ctx, resolveGlobal };
}
