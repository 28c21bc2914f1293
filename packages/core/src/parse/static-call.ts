import { callWithKeywords, pyStr } from "@tsdbt/jinja";
import type { NodeRenderContext } from "../context/node-context";
import type { StaticCall } from "./static-parse";

/**
 * Evaluates one `{{ name(literal args) }}` of a static template in a node's render context,
 * exactly as the template would (`{{ dbt.date_trunc('day', 'ts') }}` calls the `dbt` namespace's
 * macro), and returns its output as Jinja would print it. Throws what the call throws; callers
 * fall back to the full renderer so errors keep their template positions.
 */
export function evaluateStaticCall(call: StaticCall, render: NodeRenderContext, isPackage: (name: string) => boolean): string {
  const name = call.callee!;
  const dot = name.indexOf(".");
  const lookup = (n: string) => (n in render.context ? render.context[n] : render.resolveGlobal(n));
  const kwargs = Object.keys(call.kwargs).length ? call.kwargs : null;
  if (dot < 0) return pyStr(callWithKeywords(lookup(name), call.args, kwargs, name));
  // only `package.macro(...)`: a method of another object (a dict's .get) follows Python rules the renderer knows
  if (!isPackage(name.slice(0, dot)) || name.slice(0, dot) in render.context) throw new Error(`'${name}' is not a package macro`);
  const owner = lookup(name.slice(0, dot));
  const member = owner === undefined || owner === null ? undefined : (owner as Record<string, unknown>)[name.slice(dot + 1)];
  return pyStr(callWithKeywords(member, call.args, kwargs, name, owner));
}
