import { Relation, type QueryResult, type RelationRef, type RelationType } from "@tsdbt/adapter-api";
import type { MicrobatchBatch } from "./microbatch-batch";
import { isDict, pyStr } from "@tsdbt/jinja";
import { agateTable, type AgateTable } from "../context/runtime/agate-table";
import type { Hook, ManifestNode } from "../manifest/types";
import type { RegisteredMacro } from "../context/macro-registry";
import type { SyncWarehouse } from "../context/warehouse";
import { columnFlavour, columnFromWarehouse } from "../context/runtime/column";
import type { NodeCompiler } from "./node-compiler";

/** dbt's built-in materialization names: installed packages cannot replace these (the root project can). */
export const BUILTIN_MATERIALIZATIONS: ReadonlySet<string> = new Set(["view", "table", "incremental", "materialized_view", "ephemeral", "test", "unit", "snapshot", "seed", "clone"]);

/**
 * A value handed from TypeScript to a macro: plain values as they are; relations, columns and
 * dictionaries tagged, so that the macro gets dbt's Relation and Column objects.
 */
export type MacroValue =
  | string
  | number
  | boolean
  | null
  | MacroValue[]
  | { kind: "relation"; ref: RelationRef }
  | { kind: "column"; name: string; type: string }
  | { kind: "dict"; entries: Record<string, MacroValue> }
  /** The node itself, as `model` in templates. */
  | { kind: "model" };

/** What a materialization macro gave back: its `relations`, and the `main` statement's response. */
export interface MaterializationOutcome {
  /** The `relations` of the returned dict, or null when the macro returned no such dict. */
  relations: RelationRef[] | null;
  /** The `main` statement's response message and rows, when the macro ran one. */
  message: string | null;
  rowsAffected: number | null;
  /** Whether the macro ran a `statement('main')` (dbt fails a materialization that did not). */
  ranMain: boolean;
  /** The first row the `main` statement fetched, by column name (a test's failures and thresholds), or null. */
  mainRow: Record<string, unknown> | null;
}

type Statements = Pick<SyncWarehouse, "executeSync" | "commitSync">;

/**
 * Materializations and built-in steps written as Jinja macros, run for one node with dbt's
 * materialization context: `sql`/`compiled_code`, `pre_hooks`/`post_hooks`, and the
 * node's run-time context (`this`, `config`, `adapter`, `statement`, `load_relation`, …).
 */
export class MaterializationMacros {
  constructor(private readonly compiler: NodeCompiler) {}

  /** The materialization macro `node` runs, by dbt's precedence; undefined means tsdbt's built-in. */
  find(node: ManifestNode): RegisteredMacro | undefined {
    return this.compiler.session.registry.materialization(String(node.config.materialized), BUILTIN_MATERIALIZATIONS);
  }

  /** The project or package macros standing in for any of `names` when a built-in step calls them. */
  overrides(node: ManifestNode, names: readonly string[]): RegisteredMacro[] {
    const registry = this.compiler.session.registry;
    const out: RegisteredMacro[] = [];
    for (const name of names) for (const m of registry.overridesOf(name, node.package_name)) if (!out.includes(m)) out.push(m);
    return out;
  }

  /** The macro `name` as seen from the node (the project's or a package's before the built-in). @throws when none is visible. */
  named(node: ManifestNode, name: string): RegisteredMacro {
    const found = this.compiler.session.registry.resolve(name, node.package_name);
    if (!found) throw new Error(`No macro named '${name}' is visible from ${node.unique_id}.`);
    return found;
  }

  /** True when a macro named `name` is visible from the node (a custom incremental strategy's). */
  exists(node: ManifestNode, name: string): boolean {
    return this.compiler.session.registry.resolve(name, node.package_name) !== undefined;
  }

  /** Runs the materialization macro of `node`, its statements through `statements`. */
  run(node: ManifestNode, macro: RegisteredMacro, options: { sql: string; statements?: Statements; isIncremental?: boolean; seedTable?: QueryResult }): MaterializationOutcome {
    const hooks = (key: "pre-hook" | "post-hook") => ((node.config[key] ?? []) as Hook[]).map((h) => ({ sql: h.sql, transaction: h.transaction ?? true, index: h.index ?? null }));
    const extra = {
      sql: options.sql,
      compiled_code: options.sql,
      pre_hooks: hooks("pre-hook"),
      // with their index, as dbt's materialization context has them (the node context's lack it)
      post_hooks: hooks("post-hook"),
      // a seed's rows (dbt's load_agate_table() of the seed materialization)
      ...(options.seedTable ? { load_agate_table: () => agateTable(options.seedTable!) } : {}),
    };
    const render = this.compiler.macroContext(node, { statements: options.statements, extra, isIncremental: options.isIncremental });
    const value = (render.bindMacro(macro) as () => unknown)();
    const main = render.statementResults.load("main");
    const response = main?.response as { _message?: unknown; rows_affected?: unknown } | null | undefined;
    return {
      relations: relationsOf(value),
      message: response && typeof response._message === "string" ? response._message : null,
      rowsAffected: response && typeof response.rows_affected === "number" ? response.rows_affected : null,
      ranMain: main !== undefined && main !== null,
      mainRow: firstRow(main?.table as AgateTable | undefined),
    };
  }

  /**
   * Calls macro `name` as a built-in materialization would (resolved from the node's package, so
   * the project's and packages' overrides apply) and returns what it renders or returns, as SQL.
   */
  call(node: ManifestNode, name: string, args: MacroValue[], statements?: Statements, batch?: MicrobatchBatch): string {
    const render = this.compiler.macroContext(node, { statements, batch });
    const fn = render.resolveGlobal(name) as ((...a: unknown[]) => unknown) | undefined;
    if (typeof fn !== "function") throw new Error(`No macro named '${name}' is visible from ${node.unique_id}.`);
    const self = render.context.this as Relation | null;
    const flavour = columnFlavour(this.compiler.session.adapterType);
    const toJinja = (v: MacroValue): unknown => {
      if (Array.isArray(v)) return v.map(toJinja);
      if (v === null || typeof v !== "object") return v;
      if (v.kind === "relation") return relationFrom(v.ref, self);
      if (v.kind === "column") return columnFromWarehouse({ name: v.name, dataType: v.type }, flavour);
      if (v.kind === "model") return render.context.model;
      return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, toJinja(x)]));
    };
    return pyStr(fn(...args.map(toJinja)));
  }
}

/** A relation of the node's target built like `this` (same quoting and relation class). */
function relationFrom(ref: RelationRef, self: Relation | null): Relation {
  const path = { database: ref.database ?? null, schema: ref.schema, identifier: ref.identifier };
  if (self) return self.incorporate({ path, type: (ref.type ?? null) as RelationType | null });
  throw new Error("A relation argument needs a node that builds a relation.");
}

/** The first row of a fetched table, by column name. */
function firstRow(table: AgateTable | undefined): Record<string, unknown> | null {
  const row = table?.rows[0] as unknown[] | undefined;
  return table && row ? Object.fromEntries([...table.column_names].map((name, i) => [name, row[i]])) : null;
}

/** The `relations` of a materialization's return value, as plain references. */
function relationsOf(value: unknown): RelationRef[] | null {
  if (!isDict(value)) return null;
  const list = (value as Record<string, unknown>).relations;
  if (!Array.isArray(list)) return null;
  const out: RelationRef[] = [];
  for (const r of list) {
    if (!(r instanceof Relation)) return null;
    out.push({ database: r.database, schema: r.schema, identifier: r.identifier, type: r.type });
  }
  return out;
}
