import { collectExpression, identName, outputName, subqueryAst, type Collected, type ExpressionScope, type RelColumn } from "./expression-lineage";
import type { SelectAst } from "./parse-sql";
import { splitRelationName } from "./relation-index";
import { findColumn, SelectScope, type Rel } from "./relation-scope";
import { IDENTITY, indirect, type Origin } from "./transformations";
import type { Transformation } from "./types";

/** What the analyser asks of the project: relation names, known columns, ephemeral CTEs. */
export interface AnalyzerHost {
  /** The node or source a relation reference names. */
  lookupRelation(parts: string[]): string | undefined;
  /** Known output columns of a node or source, in order, or undefined when unknown. */
  columnsOf(nodeId: string): string[] | undefined;
  /** The ephemeral model an injected CTE (`__dbt__cte__name`) stands for. */
  ephemeralFor(cteName: string): string | undefined;
  /** The node being analysed (references to it, as in incremental filters, add no lineage). */
  selfId: string;
}

/** Lineage of a whole SELECT statement. */
export interface SelectLineage {
  columns: RelColumn[];
  /** True when a `select *` over a relation of unknown columns may hide further columns. */
  open: boolean;
  indirect: Origin[];
  /** Manifest nodes and sources read anywhere in the statement. */
  parents: Set<string>;
  /** Relations that are neither a CTE nor in the manifest, as written. */
  unknownRelations: Set<string>;
}

interface CteEntry {
  ast: SelectAst;
  aliases: string[];
  defined: Map<string, CteEntry>;
  rel?: Rel;
  busy?: boolean;
}

/** Analyses a parsed SELECT: the origins of each output column and the statement's indirect inputs. */
export function analyzeSelectLineage(ast: SelectAst, host: AnalyzerHost): SelectLineage {
  const parents = new Set<string>();
  const unknownRelations = new Set<string>();
  const passThrough = (node: string) => (name: string): RelColumn => ({ name, origins: [{ node, column: name, t: IDENTITY }], unresolved: [] });

  const cteRel = (entry: CteEntry): Rel => {
    if (entry.rel) return entry.rel;
    if (entry.busy) return { columns: [], open: (name) => ({ name, origins: [], unresolved: [] }), indirect: [] }; // recursive CTE
    entry.busy = true;
    const rel = analyze(entry.ast, undefined, entry.defined);
    entry.busy = false;
    if (entry.aliases.length) rel.columns = rel.columns.map((c, i) => ({ ...c, name: entry.aliases[i] ?? c.name }));
    return (entry.rel = rel);
  };

  const tableRel = (item: Record<string, unknown>, ctes: Map<string, CteEntry>): Rel => {
    const parts = relationParts(item);
    if (parts.length === 1 && ctes.has(parts[0].toLowerCase())) {
      const entry = ctes.get(parts[0].toLowerCase())!;
      const eph = host.ephemeralFor(parts[0]);
      if (!eph) return cteRel(entry);
      // an injected ephemeral model: its columns come from its own lineage, else from the CTE body
      const through = passThrough(eph);
      let names = host.columnsOf(eph);
      let open = false;
      if (!names) {
        const before = [...parents];
        const rel = cteRel(entry);
        parents.clear();
        for (const p of before) parents.add(p);
        names = rel.columns.map((c) => c.name);
        open = Boolean(rel.open);
      }
      parents.add(eph);
      return { columns: names.map(through), open: open ? through : undefined, indirect: [] };
    }
    const id = host.lookupRelation(parts);
    if (id === host.selfId) return { columns: [], open: (name) => ({ name, origins: [], unresolved: [] }), indirect: [] };
    if (id) {
      parents.add(id);
      const known = host.columnsOf(id);
      return known ? { columns: known.map(passThrough(id)), indirect: [] } : { columns: [], open: passThrough(id), indirect: [] };
    }
    const written = parts.join(".");
    unknownRelations.add(written);
    return { columns: [], open: (name) => ({ name, origins: [], unresolved: [`${written}.${name}`] }), indirect: [] };
  };

  const fromRel = (item: Record<string, unknown>, scope: SelectScope, ctes: Map<string, CteEntry>): Rel | undefined => {
    const sub = subqueryAst(item.expr);
    if (sub) return analyze(sub as SelectAst, scope, ctes);
    if (item.table) return tableRel(item, ctes);
    if (item.type === "dual") return undefined;
    const values = (item.expr as { type?: string })?.type === "values";
    return { columns: [], open: (name) => ({ name, origins: [], unresolved: values ? [] : [`${String(item.as ?? "table function")}.${name}`] }), indirect: [] };
  };

  function analyze(ast: SelectAst, outer: SelectScope | undefined, inherited: Map<string, CteEntry>): Rel {
    const ctes = new Map(inherited);
    for (const w of ast.with ?? []) {
      const name = (identName(w.name) ?? "").toLowerCase();
      const body = (w.stmt?.ast ?? w.stmt) as SelectAst;
      const entry: CteEntry = { ast: body, aliases: (w.columns ?? []).map((c) => identName((c as { column?: unknown }).column) ?? identName(c) ?? ""), defined: new Map(ctes) };
      entry.defined.set(name, entry); // a recursive CTE sees itself
      ctes.set(name, entry);
    }
    const scope = new SelectScope(outer);
    const rowInputs: Origin[] = [];
    const from = (ast.from ?? []) as Record<string, unknown>[];
    for (const item of from) {
      const rel = fromRel(item, scope, ctes);
      if (!rel) continue;
      const alias = String(identName(item.as) ?? relationParts(item).at(-1) ?? "").toLowerCase();
      scope.sources.push({ alias, rel });
      rowInputs.push(...rel.indirect);
    }
    const exprScope = (preferAliases = false): ExpressionScope => ({
      resolve: (table, column) => scope.resolve(table, column, preferAliases),
      subquery: (sub) => {
        const r = analyze(sub as SelectAst, scope, ctes);
        return { columns: r.columns, indirect: r.indirect };
      },
    });
    const collectInto = (expr: unknown, t: Transformation, preferAliases = false) => {
      const acc: Collected = { origins: [], unresolved: [] };
      collectExpression(expr, t, exprScope(preferAliases), acc);
      rowInputs.push(...acc.origins);
    };
    for (const item of from) {
      if (item.on) collectInto(item.on, indirect("JOIN"));
      for (const name of (item.using as unknown[] | undefined) ?? []) {
        const col = identName(name);
        if (!col) continue;
        for (const s of scope.sources) {
          const c = findColumn(s.rel, col);
          if (c) rowInputs.push(...c.origins.map((o) => ({ ...o, t: indirect("JOIN") })));
        }
      }
    }
    collectInto(ast.where, indirect("FILTER"));

    // output columns; earlier aliases are visible to later expressions (lateral aliases)
    const columns: RelColumn[] = [];
    let open: ((name: string) => RelColumn | undefined) | undefined;
    const items = ast.columns === "*" ? [{ expr: { type: "column_ref", table: null, column: "*" } }] : ((ast.columns as { expr: unknown; as?: unknown }[]) ?? []);
    items.forEach((item, i) => {
      const expr = item.expr as { type?: string; table?: unknown; column?: unknown };
      if (expr?.type === "column_ref" && identName(expr.column) === "*") {
        const table = identName(expr.table)?.toLowerCase();
        const picked = table ? scope.sources.filter((s) => s.alias === table) : scope.sources;
        for (const s of picked) {
          columns.push(...s.rel.columns);
          if (s.rel.open) {
            const prev = open;
            const mine = s.rel.open;
            open = prev ? (name) => prev(name) ?? mine(name) : mine;
          }
        }
        return;
      }
      const acc: Collected = { origins: [], unresolved: [] };
      collectExpression(item.expr, IDENTITY, exprScope(), acc);
      const col: RelColumn = { name: identName(item.as) ?? outputName(item.expr, i + 1), origins: acc.origins, unresolved: acc.unresolved };
      columns.push(col);
      scope.aliases.set(col.name.toLowerCase(), col);
    });

    const byPosition = (expr: unknown, t: Transformation): boolean => {
      const e = expr as { type?: string; value?: unknown };
      if (e?.type !== "number" || typeof e.value !== "number") return false;
      for (const o of columns[e.value - 1]?.origins ?? []) rowInputs.push({ ...o, t });
      return true;
    };
    const groupby = Array.isArray(ast.groupby) ? ast.groupby : ((ast.groupby as { columns?: unknown[] } | null)?.columns ?? []);
    for (const g of groupby) if (!byPosition(g, indirect("GROUP_BY"))) collectInto(g, indirect("GROUP_BY"));
    collectInto(ast.having, indirect("FILTER"));
    collectInto(ast.qualify, indirect("FILTER"));
    for (const o of (ast.orderby ?? []) as { expr?: unknown }[]) if (!byPosition(o.expr, indirect("SORT"))) collectInto(o.expr, indirect("SORT"), true);

    let rel: Rel = { columns, open, indirect: rowInputs };
    if (ast._next) rel = unionRels(rel, analyze(ast._next, outer, ctes));
    return rel;
  }

  const top = analyze(ast, undefined, new Map());
  return { columns: top.columns, open: Boolean(top.open), indirect: top.indirect, parents, unknownRelations };
}

/** Columns of a set operation: by position, names from the first branch, origins of every branch. */
function unionRels(a: Rel, b: Rel): Rel {
  const columns = a.columns.map((c, i) => {
    const other = b.columns[i];
    return other ? { name: c.name, origins: [...c.origins, ...other.origins], unresolved: [...c.unresolved, ...other.unresolved] } : c;
  });
  const open = a.open && b.open ? (name: string) => a.open?.(name) ?? b.open?.(name) : (a.open ?? b.open);
  return { columns, open, indirect: [...a.indirect, ...b.indirect] };
}

/** The parts of a FROM item's table name (database, schema, table), unquoted. */
function relationParts(item: Record<string, unknown>): string[] {
  const table = identName(item.table);
  if (!table) return [];
  const db = identName(item.catalog) ?? identName(item.db);
  const schema = identName(item.schema);
  if (schema) return [db, schema, table].filter((p): p is string => Boolean(p));
  const parts = db ? [db, table] : [table];
  return parts.length === 1 && table.includes(".") ? splitRelationName(table) : parts;
}
