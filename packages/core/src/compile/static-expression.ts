import type { NodeScope } from "../context/node-context";
import { readLiteralArgs } from "../parse/literal-args";

const CALL = /^\s*(ref|source)\s*(?=\()/;
const WRAPPED = /^\s*([A-Za-z_]\w*)\s*\(\s*((?:ref|source)\s*\(.*\))\s*\)\s*$/s;

/** Evaluates `ref(...)` or `source(...)` with literal arguments; undefined for anything else. */
export function relationCall(expr: string, scope: NodeScope): unknown {
  const m = CALL.exec(expr);
  if (!m) return undefined;
  const parsed = readLiteralArgs(expr, m[0].length);
  if (!parsed || expr.slice(parsed.end).trim() !== "") return undefined;
  return m[1] === "ref" ? scope.ref(parsed.args, parsed.kwargs) : scope.source(String(parsed.args[0]), String(parsed.args[1]));
}

/**
 * Evaluates the expressions generic tests pass as arguments without compiling a template:
 * `ref('x')`, `source('a', 'b')`, and one macro applied to either (`get_where_subquery(ref('x'))`).
 * Returns undefined for anything else (the caller renders it).
 */
export function evaluateStatically(expr: string, scope: NodeScope, resolveGlobal: (name: string) => unknown): unknown {
  const direct = relationCall(expr, scope);
  if (direct !== undefined) return direct;
  const wrapped = WRAPPED.exec(expr);
  if (!wrapped) return undefined;
  const fn = resolveGlobal(wrapped[1]);
  if (typeof fn !== "function") return undefined;
  const relation = relationCall(wrapped[2], scope);
  return relation === undefined ? undefined : (fn as (r: unknown) => unknown)(relation);
}
