import type { ManifestNode } from "../manifest/types";
import { createNodeContext, type NodeRenderContext, type NodeScope, type RenderSession } from "../context/node-context";
import { evaluateStaticCall } from "../parse/static-call";
import { renderStatic, staticParse } from "../parse/static-parse";
import { staticReadAllowed } from "../parse/static-read-allowed";
import { evaluateStatically } from "./static-expression";
import { BuiltinTestSql } from "./builtin-test-sql";
import type { SyncWarehouse } from "../context/warehouse";
import { withQueryComment, type QueryComment } from "./query-comment";
import { createExecutionScope, cteName, type ManifestIndex } from "./execution-scope";
import { injectCtes, type InjectedCte } from "./inject-ctes";
import { compileConstraintTargets } from "./constraint-targets";
import { transactionWarehouse } from "../context/runtime/transaction-catalog";
import type { MicrobatchBatch } from "./microbatch-batch";
import { isConstantExpression } from "../config/native-render";

/** A node rendered to SQL. */
export interface CompiledSql {
  /** The final SQL, ephemeral models injected as CTEs. */
  sql: string;
  ctes: InjectedCte[];
}

/** Options of a {@link NodeCompiler}. */
export interface NodeCompilerOptions {
  /** `execute` in templates: true when compiling for (or with) a warehouse. */
  execute: boolean;
  warehouse?: SyncWarehouse;
  /** Extra names for every render (graph, selected_resources, …). */
  extra?: Record<string, unknown>;
  /** Render every node with the full renderer (tests prove the fast paths give identical SQL). */
  fullRender?: boolean;
  /** `--empty`: refs and sources select zero rows. */
  empty?: boolean;
  /**
   * The project's query comment for the statements a render sends itself (`run_query`,
   * `statement`, `adapter.*`), for its node or, for a hook or operation of the run, null.
   * Statements of a passed-in transaction are not commented here: their sender comments them.
   */
  queryComment?: (node: ManifestNode | null) => QueryComment | null;
}

const TEST_KWARGS = "_dbt_generic_test_kwargs";

/**
 * The expression of a template that renders as one `{{ … }}` and nothing else, or null. As in dbt
 * (which renders test arguments to native values), text around it, even blanks, makes the whole
 * a string, unless whitespace control (`{{-`, `-}}`) or the one trailing newline Jinja drops
 * removes it; two expressions (`{{ a }}-{{ b }}`) are a string too.
 */
export function soleExpression(text: string): string | null {
  const m = /^(\s*)\{\{(-?)(.*?)(-?)\}\}(\s*)$/s.exec(text);
  if (!m) return null;
  const [, before, trimBefore, expr, trimAfter, after] = m;
  if (before !== "" && trimBefore !== "-") return null;
  if (after !== "" && after !== "\n" && trimAfter !== "-") return null;
  return /\{\{|\}\}|\{%|%\}/.test(expr) ? null : expr;
}

/**
 * Renders nodes to executable SQL: real relation names, `is_incremental()` as asked, generic
 * tests called with their arguments, ephemeral models injected (recursively) as CTEs.
 */
/** What a Python model's compiled code ends with (see include/macros/python-models.sql). */
const PYTHON_POSTFIX = "{{ py_script_postfix(model) }}";

/** The file name `compile --inline` / `show --inline` pass to {@link NodeCompiler.renderText}. */
export const INLINE_FILE = "<inline>";

export class NodeCompiler {
  private readonly ephemeralCache = new Map<string, CompiledSql & { body: string }>();
  private readonly builtinTests: BuiltinTestSql;
  /** `graph` in templates: the manifest's nodes, sources, exposures and macros. */
  private readonly graph: Record<string, unknown>;

  constructor(
    /** The macros, Jinja environment and base context every render shares. */
    readonly session: RenderSession,
    private readonly index: ManifestIndex,
    private readonly options: NodeCompilerOptions,
  ) {
    this.builtinTests = new BuiltinTestSql(session.registry);
    const m = index.manifest;
    this.graph = { nodes: m.nodes, sources: m.sources, exposures: m.exposures, macros: m.macros, metrics: m.metrics, groups: m.groups };
  }

  /**
   * Compiles one node. Throws a JinjaError/CompilerError on a template error. `batch`: one batch
   * of a microbatch model (`model.batch`, refs and sources filtered to its window).
   */
  compile(node: ManifestNode, flags: { isIncremental?: boolean; extra?: Record<string, unknown>; batch?: MicrobatchBatch } = {}): CompiledSql {
    // a Python model is not a template: dbt appends py_script_postfix's code (its refs' relations, config values, this)
    if (node.language === "python") {
      const postfix = this.render(node, PYTHON_POSTFIX, flags.isIncremental ?? false, flags.extra).body;
      const macro = this.session.registry.resolve("py_script_postfix", node.package_name);
      if (macro && !node.depends_on.macros.includes(macro.uniqueId)) node.depends_on.macros.push(macro.uniqueId);
      return { sql: `${node.raw_code}\n\n${postfix}`, ctes: [] };
    }
    const { body, ephemerals } = this.render(node, node.raw_code, flags.isIncremental ?? false, flags.extra, undefined, undefined, node, flags.batch);
    if (node.test_metadata) this.recordWhereSubquery(node);
    if (node.resource_type === "model" && this.options.execute) compileConstraintTargets(node, (call) => this.renderText(`{{ ${call} }}`, node, node.original_file_path));
    const ctes = this.collectCtes(ephemerals, new Set([node.unique_id]));
    return { sql: injectCtes(body, ctes), ctes };
  }

  /**
   * A generic test's tested relation is `get_where_subquery(...)` of its model, which dbt renders
   * from the test's own template when it compiles: the compiled manifest lists that macro too.
   */
  private recordWhereSubquery(node: ManifestNode): void {
    const where = this.session.registry.resolve("get_where_subquery", node.package_name);
    if (where && !node.depends_on.macros.includes(where.uniqueId)) node.depends_on.macros.push(where.uniqueId);
  }

  /**
   * Renders a hook or an inline text for `node` (or for the run). `statements`, when given, runs
   * the template's statements (run_query, adapter.drop_relation, …) instead of the compiler's
   * warehouse: hooks inside a transaction pass the transaction's, so their statements see and
   * wait on the same locks as dbt's do, on one connection. `batch`: the hook of one batch of a
   * microbatch model (it sees `model.batch`). `isIncremental`: what `is_incremental()` answers (a
   * hook of an incremental model's incremental run: true, as dbt renders hooks in the
   * materialization's context).
   */
  renderText(text: string, node: ManifestNode | null, file: string, extra?: Record<string, unknown>, statements?: Pick<SyncWarehouse, "executeSync">, batch?: MicrobatchBatch, isIncremental = false): string {
    const host = node ?? this.syntheticNode(file);
    const { body, ephemerals } = this.render(host, text, isIncremental, extra, file, statements, node, batch);
    return injectCtes(body, this.collectCtes(ephemerals, new Set([host.unique_id])));
  }

  /**
   * A run-time render context of `node` for calling macros directly (a materialization, an
   * overridden step of a built-in one). `statements`, when given, is an open transaction: the
   * macros' SQL and their catalog lookups run on it; `extra` adds names (`sql`, `pre_hooks`, …).
   */
  macroContext(node: ManifestNode, options: { statements?: Pick<SyncWarehouse, "executeSync" | "commitSync">; extra?: Record<string, unknown>; isIncremental?: boolean; batch?: MicrobatchBatch } = {}): NodeRenderContext {
    const base = this.options.warehouse;
    const warehouse = options.statements && base ? transactionWarehouse(base, options.statements) : this.commented(base, node);
    const scope = createExecutionScope(node, this.index, {
      execute: this.options.execute,
      isIncremental: options.isIncremental ?? false,
      warehouse,
      onEphemeral: () => undefined,
      extra: { graph: this.graph, ...this.options.extra, ...options.extra },
      empty: this.options.empty,
      batch: options.batch,
    });
    return createNodeContext(this.session, scope);
  }

  /**
   * The node a template without one renders as. For `--inline` SQL it is dbt's `inline_query`
   * SQL operation (its `this` names a relation `inline_query` in the target's schema, as dbt's does).
   */
  private syntheticNode(file: string): ManifestNode {
    const inline = file === INLINE_FILE;
    const name = inline ? "inline_query" : "inline";
    return {
      unique_id: `sql_operation.${this.index.rootPackage}.${name}`,
      resource_type: inline ? "sql_operation" : "operation",
      package_name: this.index.rootPackage,
      name,
      ...(inline ? { database: this.index.naming.database, schema: this.index.naming.schema, alias: name } : {}),
      original_file_path: inline ? "from remote system.sql" : file,
      path: inline ? "from remote system.sql" : file,
      config: { enabled: true, materialized: "view", tags: [], meta: {}, alias: null, schema: null, database: null, "pre-hook": [], "post-hook": [] },
      raw_code: "",
      refs: [],
      sources: [],
      depends_on: { macros: [], nodes: [] },
    } as unknown as ManifestNode;
  }

  /** The project's query comment for the statements of `node` (null: of the run itself), or null. */
  queryCommentOf(node: ManifestNode | null): QueryComment | null {
    return this.options.queryComment?.(node) ?? null;
  }

  /** The warehouse with the query comment of `node` (null: the run's) on every statement it runs. */
  private commented(warehouse: SyncWarehouse | undefined, node: ManifestNode | null): SyncWarehouse | undefined {
    if (!warehouse || !this.options.queryComment) return warehouse;
    return {
      ...warehouse,
      executeSync: (sql, options) => {
        const comment = this.queryCommentOf(node);
        return warehouse.executeSync(comment ? withQueryComment(sql, comment) : sql, options);
      },
    };
  }

  private render(
    node: ManifestNode,
    text: string,
    isIncremental: boolean,
    extra?: Record<string, unknown>,
    file?: string,
    statements?: Pick<SyncWarehouse, "executeSync">,
    commentNode: ManifestNode | null = node,
    batch?: MicrobatchBatch,
  ): { body: string; ephemerals: ManifestNode[] } {
    const ephemerals: ManifestNode[] = [];
    const base = this.options.warehouse;
    const warehouse = statements && base ? { ...base, executeSync: statements.executeSync } : this.commented(base, commentNode);
    const scope = createExecutionScope(node, this.index, {
      execute: this.options.execute,
      isIncremental,
      warehouse,
      onEphemeral: (n) => {
        if (!ephemerals.includes(n)) ephemerals.push(n);
      },
      extra: { graph: this.graph, ...this.options.extra, ...extra },
      empty: this.options.empty,
      batch,
    });
    // a template whose Jinja is only ref/source/config with literal arguments needs no renderer
    const fast = text === node.raw_code && !this.options.fullRender && staticReadAllowed(this.session.registry, node.package_name) ? staticParse(text) : null;
    if (fast) {
      let render: NodeRenderContext | undefined;
      try {
        const body = renderStatic(text, fast, isIncremental, (call) => {
          if (call.fn === "ref") return String(scope.ref(call.args, call.kwargs));
          if (call.fn === "source") return String(scope.source(String(call.args[0]), String(call.args[1])));
          if (call.fn === "this") return String(scope.thisRelation ?? "");
          if (call.fn === "call") return evaluateStaticCall(call, (render ??= createNodeContext(this.session, scope)), (n) => this.session.registry.hasPackage(n));
          return "";
        });
        return { body, ephemerals };
      } catch {
        // render normally: errors then carry their position in the template
        ephemerals.length = 0;
      }
    }
    if (node.test_metadata && text === node.raw_code && !this.options.fullRender) {
      const sql = this.builtinTests.sqlFor(node, scope, (macro, args) => {
        const { resolveGlobal } = createNodeContext(this.session, scope);
        return String((resolveGlobal(macro) as (...a: unknown[]) => unknown)(...args));
      });
      if (sql !== undefined) return { body: sql, ephemerals };
    }
    const { context, resolveGlobal } = createNodeContext(this.session, scope);
    if (node.test_metadata && text === node.raw_code) context[TEST_KWARGS] = this.testKwargs(node, context, resolveGlobal, scope);
    const body = this.session.env.render(text, context, { file: file ?? node.original_file_path, resolveGlobal });
    return { body, ephemerals };
  }

  /** Evaluates a generic test's arguments: `ref(...)`/`source(...)` strings and the model become values. */
  private testKwargs(node: ManifestNode, context: Record<string, unknown>, resolveGlobal: (name: string) => unknown, scope: NodeScope): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const file = node.original_file_path;
    for (const [key, value] of Object.entries(node.test_metadata!.kwargs)) {
      const expr = typeof value === "string" && /^\s*(ref|source)\s*\(/.test(value) ? value : null;
      if (expr === null) out[key] = this.renderJinjaStrings(value, context, resolveGlobal, file, scope);
      else out[key] = this.evaluateArgument(expr, context, resolveGlobal, file, scope);
    }
    return out;
  }

  /**
   * A test argument as dbt passes it: a string that is one `{{ … }}` and nothing else is its value
   * (a list stays a list) unless it is made of literals only, Jinja inside other strings
   * (`"x in {{ var('v') }}"`) is rendered, in lists and dicts too.
   */
  private renderJinjaStrings(value: unknown, context: Record<string, unknown>, resolveGlobal: (name: string) => unknown, file: string, scope: NodeScope): unknown {
    if (typeof value === "string") {
      const expr = soleExpression(value);
      // an expression of literals only is text, as Jinja folds it when compiling (`{{ 1 + 1 }}` is '2')
      if (expr !== null && !isConstantExpression(expr)) return this.evaluateArgument(expr, context, resolveGlobal, file, scope);
      return /\{[{%]/.test(value) ? this.session.env.render(value, context, { file, resolveGlobal }) : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.renderJinjaStrings(v, context, resolveGlobal, file, scope));
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.renderJinjaStrings(v, context, resolveGlobal, file, scope)]));
    return value;
  }

  /** The value of a test argument's expression: `ref(...)`/`source(...)` (also inside one macro) without a render. */
  private evaluateArgument(expr: string, context: Record<string, unknown>, resolveGlobal: (name: string) => unknown, file: string, scope: NodeScope): unknown {
    return (this.options.fullRender ? undefined : evaluateStatically(expr, scope, resolveGlobal)) ?? this.evaluate(expr, context, resolveGlobal, file);
  }


  /** Evaluates one Jinja expression to its value (not its rendering). */
  private evaluate(expr: string, context: Record<string, unknown>, resolveGlobal: (name: string) => unknown, file: string): unknown {
    let value: unknown;
    const ctx = Object.create(context) as Record<string, unknown>;
    ctx.__tsdbt_capture = (v: unknown) => {
      value = v;
      return "";
    };
    this.session.env.render(`{% do __tsdbt_capture(${expr}) %}`, ctx, { file, resolveGlobal });
    return value;
  }

  /** Compiles the ephemeral models a node uses, deepest first, once each. */
  private collectCtes(ephemerals: ManifestNode[], visiting: Set<string>): InjectedCte[] {
    const out: InjectedCte[] = [];
    const add = (c: InjectedCte) => {
      if (!out.some((x) => x.id === c.id)) out.push(c);
    };
    for (const eph of ephemerals) {
      if (visiting.has(eph.unique_id)) continue;
      let compiled = this.ephemeralCache.get(eph.unique_id);
      if (!compiled) {
        const { body, ephemerals: nested } = this.render(eph, eph.raw_code, false);
        const ctes = this.collectCtes(nested, new Set([...visiting, eph.unique_id]));
        compiled = { body, ctes, sql: body };
        this.ephemeralCache.set(eph.unique_id, compiled);
      }
      for (const c of compiled.ctes) add(c);
      add({ id: eph.unique_id, name: cteName(eph), sql: compiled.body });
    }
    return out;
  }
}
