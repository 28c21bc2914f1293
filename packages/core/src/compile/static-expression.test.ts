import type { NodeScope } from "../context/node-context";
import { evaluateStatically, relationCall } from "./static-expression";

/**
 * The expressions a generic test passes as arguments that compile evaluates without rendering a
 * template: `ref(...)`/`source(...)` with literal arguments, and one macro applied to either.
 * Anything else must come back undefined, so that the caller renders it as Jinja would.
 */
const scope = {
  ref: (args: unknown[], kwargs: Record<string, unknown>) => `ref ${JSON.stringify(args)} ${JSON.stringify(kwargs)}`,
  source: (a: string, b: string) => `source ${a}.${b}`,
} as unknown as NodeScope;
const macros: Record<string, unknown> = { get_where_subquery: (r: unknown) => `where-subquery of ${String(r)}`, limit_zero: "not a function" };
const resolveGlobal = (name: string) => macros[name];
const evaluate = (expr: string) => evaluateStatically(expr, scope, resolveGlobal);

describe("evaluateStatically", () => {
  it.each([
    ["ref('m')", 'ref ["m"] {}'],
    ["  ref ('pkg', 'm', version=2)  ", 'ref ["pkg","m"] {"version":2}'],
    ["\nref  (\"m\")\n", 'ref ["m"] {}'],
    ["source('raw', 'things')", "source raw.things"],
    [" source  ( 'raw','things' ) ", "source raw.things"],
  ])("evaluates %j", (expr, value) => {
    expect(evaluate(expr)).toBe(value);
  });

  it.each([
    ["get_where_subquery(ref('m'))", 'where-subquery of ref ["m"] {}'],
    ["  get_where_subquery  (  ref  ('m')  )  ", 'where-subquery of ref ["m"] {}'],
    ["get_where_subquery(\nsource('raw', 'things')\n)", "where-subquery of source raw.things"],
  ])("applies the macro of %j to its relation", (expr, value) => {
    expect(evaluate(expr)).toBe(value);
  });

  it.each([
    // not literal arguments
    "ref(name)",
    "get_where_subquery(ref(name))",
    // more after the call
    "ref('m') ~ '_suffix'",
    "get_where_subquery(ref('m')) ~ ''",
    "1 + get_where_subquery(ref('m'))",
    // a name that only contains ref, or ref( inside a string
    "my_ref('m')",
    "foo('ref(')",
    "refs('m')",
    "ref",
    // the macro is unknown or not callable, or applied to something else
    "no_such_macro(ref('m'))",
    "limit_zero(ref('m'))",
    "get_where_subquery('m')",
    "get_where_subquery(ref('m'), 2)",
  ])("leaves %j to a render", (expr) => {
    expect(evaluate(expr)).toBeUndefined();
  });

  it("reads a call only from its start", () => {
    expect(relationCall("ref('m')", scope)).toBe('ref ["m"] {}');
    expect(relationCall("x ref('m')", scope)).toBeUndefined();
  });
});
