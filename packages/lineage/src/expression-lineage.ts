import { AGGREGATION, compose, indirect, TRANSFORMATION, type Origin } from "./transformations";
import type { Transformation } from "./types";

/** A column of a relation in scope: where its values come from. */
export interface RelColumn {
  name: string;
  origins: Origin[];
  /** References inside its definition that could not be traced. */
  unresolved: string[];
}

/** What resolving names needs: column lookup in the current scope, and subqueries. */
export interface ExpressionScope {
  /** The column a (qualified) reference names, or undefined when nothing in scope has it. */
  resolve(table: string | null, column: string): RelColumn | undefined;
  /** Analyses a subquery in this scope; returns every output column and the rows' indirect inputs. */
  subquery(ast: unknown): { columns: RelColumn[]; indirect: Origin[] };
}

/** Origins and unresolved references collected from an expression. */
export interface Collected {
  origins: Origin[];
  unresolved: string[];
}

/**
 * Context for nested expressions: an INDIRECT context stays (a column inside a CASE condition is
 * CONDITIONAL however deep), an INDIRECT step replaces a direct one, and between direct ones the
 * stronger wins (a column under `sum(coalesce(x, 0))` is AGGREGATION).
 */
export function narrow(ctx: Transformation, next: Transformation): Transformation {
  if (ctx.type === "INDIRECT") return ctx;
  return compose(next, ctx);
}

/** Name of an identifier node (string, `{value}`, or `{expr: {value}}`). */
export function identName(node: unknown): string | null {
  if (node == null) return null;
  if (typeof node === "string") return node;
  const n = node as { value?: unknown; expr?: unknown };
  if (typeof n.value === "string") return n.value;
  if (n.expr) return identName(n.expr);
  return null;
}

/** True for a node-sql-parser subquery wrapper (`{ast: {type: "select"}}`) or a bare select. */
export function subqueryAst(node: unknown): unknown | undefined {
  const n = node as { ast?: { type?: string }; type?: string };
  if (n?.ast && n.ast.type === "select") return n.ast;
  if (n?.type === "select") return n;
  return undefined;
}

/**
 * Collects the columns an expression reads into `out`, each composed with the transformation
 * its position implies (`ctx` for a bare column; aggregates, functions, CASE conditions and
 * window specifications narrow it). Unknown node types are walked generically, so any column
 * reference anywhere in an expression is found.
 */
export function collectExpression(expr: unknown, ctx: Transformation, scope: ExpressionScope, out: Collected): void {
  if (expr == null || typeof expr !== "object") return;
  if (Array.isArray(expr)) {
    for (const e of expr) collectExpression(e, ctx, scope, out);
    return;
  }
  const node = expr as Record<string, unknown>;
  const sub = subqueryAst(node);
  if (sub) {
    const result = scope.subquery(sub);
    const inner = narrow(ctx, TRANSFORMATION);
    for (const col of result.columns) {
      for (const o of col.origins) out.origins.push({ ...o, t: compose(inner, o.t) });
      out.unresolved.push(...col.unresolved);
    }
    for (const o of result.indirect) out.origins.push({ ...o, t: ctx.type === "INDIRECT" ? ctx : o.t });
    return;
  }
  switch (node.type) {
    case "column_ref": {
      const column = identName(node.column);
      if (column === null || column === "*") return;
      const table = identName(node.table);
      const found = scope.resolve(table, column);
      if (!found) {
        out.unresolved.push(table ? `${table}.${column}` : column);
        return;
      }
      for (const o of found.origins) out.origins.push({ ...o, t: compose(ctx, o.t) });
      out.unresolved.push(...found.unresolved);
      return;
    }
    case "aggr_func":
      collectExpression(node.args, narrow(ctx, AGGREGATION), scope, out);
      collectExpression(node.over, narrow(ctx, indirect("WINDOW")), scope, out);
      collectExpression(node.filter, narrow(ctx, indirect("FILTER")), scope, out);
      return;
    case "case": {
      collectExpression(node.expr, narrow(ctx, indirect("CONDITIONAL")), scope, out);
      for (const arm of (node.args as { cond?: unknown; result?: unknown }[] | undefined) ?? []) {
        collectExpression(arm.cond, narrow(ctx, indirect("CONDITIONAL")), scope, out);
        collectExpression(arm.result, narrow(ctx, TRANSFORMATION), scope, out);
      }
      return;
    }
    default:
      break;
  }
  const inner = narrow(ctx, TRANSFORMATION);
  for (const [key, value] of Object.entries(node)) {
    if (value == null || typeof value !== "object" || key === "loc") continue;
    if (key === "over") collectExpression(value, narrow(ctx, indirect("WINDOW")), scope, out);
    else if (key === "filter") collectExpression(value, narrow(ctx, indirect("FILTER")), scope, out);
    else collectExpression(value, inner, scope, out);
  }
}

/** A name for an output expression without an alias: the column's name, else the function's. */
export function outputName(expr: unknown, position: number): string {
  const node = expr as Record<string, unknown> | null;
  if (node?.type === "column_ref") return identName(node.column) ?? `column_${position}`;
  if (node?.type === "cast") return outputName(node.expr, position);
  const fn = identName(node?.name) ?? identName((node?.name as { name?: unknown[] })?.name?.[0]);
  return fn ? fn.toLowerCase() : `column_${position}`;
}
