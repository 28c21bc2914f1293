import type { Arg, Expr } from "./ast";

/**
 * A call a template makes that may name a macro, read from its syntax without running it:
 * `name(...)`, `pkg.name(...)` (any `x.y(...)` whose `x` is a plain name), or
 * `adapter.dispatch('name', 'namespace')` with literal arguments.
 */
export type StaticMacroCall = { name: string; package?: string } | { dispatch: string; namespace: string | null };

/**
 * Every call of a parsed template that may name a macro, in the order Jinja2's `find_all`
 * meets them (depth first, a node before its children; a conditional expression's test
 * before its branches; a for loop's `if` filter after its body), without repeats. Calls of
 * `adapter.*` other than `dispatch` are left out, as are calls whose callee is not a name or
 * `name.attr` (a call's result called again, `a.b.c()`).
 */
export function staticMacroCalls(root: unknown): StaticMacroCall[] {
  const out: StaticMacroCall[] = [];
  const seen = new Set<string>();
  const add = (call: StaticMacroCall) => {
    const key = "dispatch" in call ? `\u0000${call.dispatch}\u0000${call.namespace}` : `${call.package ?? ""}.${call.name}`;
    if (!seen.has(key)) (seen.add(key), out.push(call));
  };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as Record<string, unknown>;
    if (n.t === "Call") recordCall(n as unknown as Extract<Expr, { t: "Call" }>, add);
    if (n.typename === "JFor") {
      // Jinja2 keeps a loop's `if` filter after its body and else branch
      for (const key of ["target", "iter", "body", "else_", "filter"]) visit(n[key]);
      return;
    }
    for (const key in n) visit(n[key]);
  };
  visit(root);
  return out;
}

function recordCall(call: Extract<Expr, { t: "Call" }>, add: (c: StaticMacroCall) => void): void {
  const fn = call.fn;
  if (fn.t === "Name") return add({ name: fn.name });
  if (fn.t !== "Attr" || fn.obj.t !== "Name") return;
  if (fn.obj.name !== "adapter") return add({ package: fn.obj.name, name: fn.name });
  if (fn.name === "dispatch") {
    const target = dispatchTarget(call.args);
    if (target) add(target);
  }
}

/** `adapter.dispatch('name', 'ns')` / `(macro_name='name', macro_namespace='ns')` with literal strings. */
function dispatchTarget(args: Arg[]): StaticMacroCall | undefined {
  let name: unknown;
  let namespace: unknown = null;
  const positional = args.filter((a) => a.kind === "pos");
  if (positional[0]) name = literal(positional[0].value);
  if (positional[1]) namespace = literal(positional[1].value) ?? null;
  for (const a of args) {
    if (a.kind !== "kw") continue;
    if (a.name === "macro_name") name = literal(a.value);
    else if (a.name === "macro_namespace") namespace = literal(a.value) ?? null;
  }
  return typeof name === "string" ? { dispatch: name, namespace: typeof namespace === "string" ? namespace : null } : undefined;
}

function literal(e: Expr): unknown {
  return e.t === "Lit" ? e.value : undefined;
}
