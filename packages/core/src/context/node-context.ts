import type { Relation } from "@tsdbt/adapter-api";
import { hostFunction, pyStr, wrapCallable, type JinjaEnvironment } from "@tsdbt/jinja";
import { contextView } from "./context-view";
import { CompilerError, WarehouseNeededError } from "./compiler-error";
import { didYouMean } from "../diagnostics/closest-names";
import { BUILTIN_PACKAGE, type MacroRegistry, type RegisteredMacro } from "./macro-registry";
import type { SyncWarehouse } from "./warehouse";
import { agateTable, type AgateTable } from "./runtime/agate-table";
import { AdapterResponse, adapterResponse } from "./runtime/adapter-response";
import { StatementResults } from "./runtime/statement-results";
import { createAdapterProxy, type TableDdl } from "./runtime/adapter-proxy";
import { modelWithAliasedTypes } from "./contract-table";
import { columnApi, columnFlavour } from "./runtime/column";
import { parseConfigProxy, runtimeConfigProxy, type ConfigAccess, type ConfigPhase } from "./runtime/config-proxy";
import { relationApi, type RelationFactory, type RelationTarget } from "./runtime/relation-api";
import type { GrantsReader } from "./runtime/standardize-grants";
import type { VarRenderScope } from "./base-context";
import { nodeDictView } from "./runtime/node-dict-view";
import { noteMacroFrame } from "./macro-call-stack";

export type { ConfigAccess, ConfigPhase } from "./runtime/config-proxy";

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
  /** Which `config` object templates get (default `runtime`; the parse render uses `parse`). */
  configPhase?: ConfigPhase;
  /** `execute`: false while parsing. */
  execute: boolean;
  isIncremental: boolean;
  warehouse?: SyncWarehouse;
  /** Builds a relation of the target from parts (adapter.get_relation, api.Relation.create). */
  makeRelation: RelationFactory;
  /**
   * Records a macro the node's own template calls (depends_on.macros): as in dbt, only calls made
   * at macro depth 0, not those made from inside another macro; in the order first called.
   */
  onMacro?: (uniqueId: string) => void;
  /** Extra names (graph, results, schemas, …). */
  extra?: Record<string, unknown>;
  /**
   * Members of package namespaces replaced for this render, keyed `package.macro` (a unit test's
   * `overrides: macros: {audit_helper._get_comparison_bounds: …}`): `audit_helper._get_comparison_bounds`
   * gives the replacement instead of the package's macro.
   */
  namespaceOverrides?: Record<string, unknown>;
}

/** The pieces shared by every node context of one invocation. */
export interface RenderSession {
  env: JinjaEnvironment;
  registry: MacroRegistry;
  base: Record<string, unknown>;
  adapterType: string;
  quote: (identifier: string) => string;
  /** The target's default database, the project's quoting and the adapter's relation class. */
  relations?: RelationTarget & { database: string | null };
  /** `var` for nodes of installed packages (their scoped vars). */
  varFor?: (packageName: string, renderIn?: VarRenderScope) => unknown;
  /** dbt_project.yml `flags:` (behavior flags, read through `adapter.behavior`). */
  projectFlags?: Record<string, unknown>;
  /** The adapter dialect's reader of show-grants rows (`adapter.standardize_grants_dict`). */
  readGrants?: GrantsReader;
  /** The adapter dialect's table DDL (`adapter.tsdbt_create_table_as`). */
  createTableAs?: TableDdl;
  /** The engine's current-timestamp expression, as `sql_now` (dbt's `adapter.date_function()`). */
  sqlNow?: string;
}

/** A render context and the `resolveGlobal` hook for lazy macro lookup. */
export interface NodeRenderContext {
  context: Record<string, unknown>;
  resolveGlobal: (name: string) => unknown;
  /** Binds a macro of any package to this context (its unqualified calls resolve in its own package). */
  bindMacro: (macro: RegisteredMacro) => unknown;
  /** The named results of this render's `statement` blocks (`main` gives a materialization's response). */
  statementResults: StatementResults;
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
  const results = new StatementResults();
  // where agate tables print (print_table, print_csv): the context's print(), standard output in dbt
  const printOut = (text: string): void => void (session.base.print as ((text: string) => unknown) | undefined)?.(text);

  // how many macro calls deep the render is, when the node's macro calls are recorded
  let depth = 0;
  const record = scope.onMacro;
  const tracked = <F extends (...args: never[]) => unknown>(uniqueId: string, fn: F): F =>
    record
      ? wrapCallable(fn, (run) => {
          if (depth === 0) record(uniqueId);
          depth++;
          try {
            return run();
          } finally {
            depth--;
          }
        })
      : fn;
  const bind = (macro: RegisteredMacro): unknown => {
    const key = macro.uniqueId;
    let fn = bound.get(key);
    if (fn === undefined) {
      // a macro from another package resolves its own unqualified calls in that package
      const macroResolve = macro.packageName === scope.packageName ? resolveGlobal : (name: string) => resolveFrom(name, macro.packageName);
      // an error leaving the macro notes it, for the message's "> in macro …" lines
      const frame = { name: macro.name, file: macro.file };
      const named = wrapCallable(session.env.bindMacro(macro, ctx, macroResolve), (run) => {
        try {
          return run();
        } catch (e) {
          noteMacroFrame(e, frame);
          throw e;
        }
      });
      fn = tracked(key, named);
      bound.set(key, fn);
    }
    return fn;
  };
  const namespaces = new Map<string, unknown>();
  const namespace = (pkg: string): unknown => {
    let ns = namespaces.get(pkg);
    if (!ns) {
      // entries a template puts into the namespace (`pkg.update({name: other_macro})`), for this render
      const assigned = new Map<string, unknown>();
      ns = new Proxy(
        {},
        {
          get: (_t, name) => {
            if (typeof name !== "string") return undefined;
            if (assigned.has(name)) return assigned.get(name);
            const key = `${pkg}.${name}`;
            if (scope.namespaceOverrides && Object.prototype.hasOwnProperty.call(scope.namespaceOverrides, key)) return scope.namespaceOverrides[key];
            const m = session.registry.inPackage(pkg, name);
            if (m) return bind(m);
            return pkg === BUILTIN_PACKAGE ? fallback(name) : undefined;
          },
          has: (_t, name) => typeof name === "string" && (assigned.has(name) || session.registry.inPackage(pkg, name) !== undefined || (pkg === BUILTIN_PACKAGE && fallback(name) !== undefined)),
          set: (_t, name, value) => {
            if (typeof name !== "string") return false;
            assigned.set(name, value);
            return true;
          },
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
    return fallback(name);
  };
  // dbt global macros implemented here, used when no project or package defines them
  const loadRelation = (relation: unknown) => {
    const r = relation as Relation;
    return (adapter.get_relation as (...a: unknown[]) => unknown)(r.database, r.schema, r.identifier);
  };
  const fallbacks: Record<string, unknown> = {
    load_relation: loadRelation,
    load_cached_relation: loadRelation,
    should_full_refresh: tracked(`macro.${BUILTIN_PACKAGE}.should_full_refresh`, () => shouldFullRefresh(scope, session)),
    should_store_failures: tracked(`macro.${BUILTIN_PACKAGE}.should_store_failures`, () => shouldStoreFailures(scope, session)),
  };
  function fallback(name: string): unknown {
    if (Object.prototype.hasOwnProperty.call(fallbacks, name)) return fallbacks[name];
    // dbt's run_query, statement and is_incremental are global macros, so also `dbt.<name>`
    // (tsdbt's own, also where the project's macro of that name replaces it in the context)
    return MACROS_IN_CONTEXT.has(name) ? builtinContextMacros[name] : undefined;
  }
  const resolveGlobal = (name: string): unknown => resolveFrom(name, scope.packageName);
  // run_query, statement and is_incremental as tsdbt implements them, filled in below
  const builtinContextMacros: Record<string, unknown> = {};

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

  const database = session.relations?.database ?? null;
  const flavour = columnFlavour(session.adapterType);
  const relationApiObject = relationApi(scope.makeRelation);
  const columnApiObject = columnApi(flavour);
  const adapter = createAdapterProxy({
    adapterType: session.adapterType,
    quote: session.quote,
    quoting: session.relations?.quoting ?? {},
    execute: scope.execute,
    warehouse: scope.warehouse,
    defaultDatabase: database,
    makeRelation: scope.makeRelation,
    columnFlavour: flavour,
    dispatch,
    relationApi: relationApiObject,
    columnApi: columnApiObject,
    projectFlags: session.projectFlags,
    readGrants: session.readGrants,
    createTableAs: session.createTableAs,
    print: printOut,
    warn: (message) => (ctx.exceptions as { warn: (m: string) => unknown }).warn(message),
  });

  // while parsing dbt's run_query gives an undefined value (load_result(...) is None there)
  const runQuery = (sql: unknown) => {
    const wh = requireWarehouse(scope, "run_query");
    if (!wh) return undefined;
    // dbt's run_query is a macro whose statement block puts the SQL on its own indented line: the text
    // sent is that block's (error positions such as `LINE 3:` count its lines)
    return agateTable(wh.executeSync(`\n    ${pyStr(sql)}\n  `), printOut, true);
  };

  const owner = String(scope.model.unique_id ?? "this node");
  const config = (scope.configPhase ?? "runtime") === "parse" ? parseConfigProxy(scope.config) : runtimeConfigProxy(scope.config, owner);

  // the package's scoped vars; a var's Jinja text renders in this node's context
  if (session.varFor) ctx.var = session.varFor(scope.packageName, { context: ctx, resolveGlobal });
  // dbt's own ref/source; `builtins` keeps them reachable where a project's macros override the names
  const ref = hostFunction((args, kw) => scope.ref(args, kw));
  const source = hostFunction(([s, t]) => scope.source(String(s), String(t)));
  Object.assign(ctx, {
    ref,
    source,
    config,
    this: scope.thisRelation,
    model: nodeDictView(scope.model.resource_type === "model" ? (modelWithAliasedTypes(scope.model as unknown as Parameters<typeof modelWithAliasedTypes>[0], flavour.typeLabels) as unknown as typeof scope.model) : scope.model),
    execute: scope.execute,
    is_incremental: tracked(`macro.${BUILTIN_PACKAGE}.is_incremental`, () => scope.isIncremental),
    adapter,
    run_query: tracked(`macro.${BUILTIN_PACKAGE}.run_query`, runQuery),
    statement: tracked(`macro.${BUILTIN_PACKAGE}.statement`, hostFunction(([name], kw) => {
      const caller = kw.caller as (() => unknown) | undefined;
      const sql = caller ? String(caller()) : "";
      const wh = requireWarehouse(scope, "statement");
      if (wh) {
        const r = wh.executeSync(sql, { fetch: Boolean(kw.fetch_result), autoBegin: kw.auto_begin === undefined ? undefined : Boolean(kw.auto_begin) });
        if (name !== undefined && name !== null) results.store(String(name), adapterResponse(sql, r), agateTable(r, printOut, true));
      }
      return "";
    })),
    load_result: (name: unknown) => results.load(String(name)),
    store_result: hostFunction(([name, response, table], kw) => {
      results.store(String(name ?? kw.name), kw.response ?? response ?? null, (kw.agate_table ?? table ?? null) as AgateTable | null);
      return "";
    }),
    store_raw_result: hostFunction(([name, message, code, rowsAffected, table], kw) => {
      const response = new AdapterResponse(String(kw.message ?? message ?? ""), (kw.code ?? code ?? null) as string | null, (kw.rows_affected ?? rowsAffected ?? null) as number | null);
      results.store(String(name ?? kw.name), response, (kw.agate_table ?? table ?? null) as AgateTable | null);
      return "";
    }),
    api: { Relation: relationApiObject, Column: columnApiObject },
    column: columnApiObject,
    // the schema and database the node builds in (the target's for hooks and inline SQL)
    schema: scope.model.schema ?? target(session).schema ?? null,
    database: scope.model.database ?? target(session).database ?? null,
    pre_hooks: hookList(scope.model, "pre-hook"),
    post_hooks: hookList(scope.model, "post-hook"),
    render: hostFunction(([text]) => session.env.render(pyStr(text), ctx, { file: String(scope.model.original_file_path ?? "<inline>"), resolveGlobal })),
    ...(session.sqlNow !== undefined ? { sql_now: session.sqlNow } : {}),
    builtins: { ref, source, config },
    context: contextView(ctx, resolveGlobal),
    // dbt's deprecated, undocumented alias of `target`
    env: ctx.target,
    dbt: namespace("dbt"),
    ...scope.extra,
  });
  for (const name of MACROS_IN_CONTEXT) builtinContextMacros[name] = ctx[name];
  // dbt lays the macros a node sees over its context: a macro of the root project or of the node's
  // own package named like a context member (ref, source, is_incremental, run_query, …) replaces it
  for (const m of session.registry.projectMacrosSeenFrom(scope.packageName)) {
    if (!(m.name in ctx) || (scope.extra && m.name in scope.extra)) continue;
    Object.defineProperty(ctx, m.name, {
      get: () => bind(m),
      // a template's own definition of the name (a macro's source defining itself) stays on its scope
      set(this: object, value: unknown) {
        Object.defineProperty(this, m.name, { value, writable: true, configurable: true, enumerable: true });
      },
      configurable: true,
      enumerable: true,
    });
  }
  return { context: ctx, resolveGlobal, bindMacro: bind, statementResults: results };
}

/** Context entries that dbt defines as global macros, reachable as `dbt.<name>` too. */
const MACROS_IN_CONTEXT = new Set(["run_query", "statement", "is_incremental"]);

function target(session: RenderSession): { schema?: unknown; database?: unknown } {
  return (session.base.target ?? {}) as { schema?: unknown; database?: unknown };
}

/** A node's hooks as dbt's model context lists them: `{sql, transaction}` dicts. */
function hookList(model: Record<string, unknown>, key: "pre-hook" | "post-hook"): { sql: string; transaction: boolean }[] {
  const config = (model.config ?? {}) as Record<string, unknown>;
  const hooks = (config[key] ?? []) as { sql: string; transaction?: boolean }[];
  return hooks.map((h) => ({ sql: h.sql, transaction: h.transaction ?? true }));
}

function flag(session: RenderSession, name: string): unknown {
  const flags = session.base.flags as Record<string, unknown> | undefined;
  return flags?.[name] ?? false;
}

/** dbt's should_full_refresh(): the node's `full_refresh` config, else the --full-refresh flag ('' while parsing). */
function shouldFullRefresh(scope: NodeScope, session: RenderSession): unknown {
  if (scope.configPhase === "parse") return "";
  const v = scope.config.get("full_refresh");
  return v === undefined || v === null ? flag(session, "FULL_REFRESH") : v;
}

/** dbt's should_store_failures(): the node's `store_failures` config, else the --store-failures flag ('' while parsing). */
function shouldStoreFailures(scope: NodeScope, session: RenderSession): unknown {
  if (scope.configPhase === "parse") return "";
  const v = scope.config.get("store_failures");
  return v === undefined || v === null ? flag(session, "STORE_FAILURES") : v;
}
