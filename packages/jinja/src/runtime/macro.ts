import { fail, MacroReturn } from "./signals";
import { PY_GETATTR, PY_REPR, Tuple } from "./values";

/** Marks a template macro; the value is its Python-style entry point `(args, kwargs)`. */
export const MACRO = Symbol.for("tsdbt.jinja.macro");

/** A callable macro. Called from JavaScript, every argument is positional. */
export interface Macro {
  (...args: unknown[]): unknown;
  [MACRO]: (args: unknown[], kwargs: Record<string, unknown>) => unknown;
}

/** What the compiler knows about a macro's signature. */
export interface MacroSpec {
  name: string;
  params: string[];
  /** Default-value thunks, evaluated at call time in the macro's scope (undefined: no default). */
  defaults: Array<((scope: Record<string, unknown>) => unknown) | undefined>;
  /** The body mentions `varargs` / `kwargs`, so extra arguments are accepted. */
  catchVarargs: boolean;
  catchKwargs: boolean;
  /** The body mentions `caller`, so it does not see an enclosing macro's caller. */
  catchCaller: boolean;
}

/** Builds a macro whose body runs in a child scope of `definingScope`. */
export function makeMacro(spec: MacroSpec, definingScope: object, body: (scope: Record<string, unknown>) => string): Macro {
  const invoke = (args: unknown[], kwargs: Record<string, unknown>): unknown => {
    const s = Object.create(definingScope) as Record<string, unknown>;
    const { params, name } = spec;
    if (args.length > params.length && !spec.catchVarargs) {
      fail(`macro '${name}' takes not more than ${params.length} argument(s)`);
    }
    // the keywords not bound yet (a copy: the caller's `**d` stays as it is)
    const rest: Record<string, unknown> = { ...kwargs };
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if (i < args.length) {
        // a keyword naming it too is left over: kwargs takes it, else it is refused below, as in Jinja2
        s[p] = args[i];
      } else if (Object.prototype.hasOwnProperty.call(rest, p)) {
        s[p] = rest[p];
        delete rest[p];
      } else {
        const d = spec.defaults[i];
        s[p] = d ? d(s) : undefined;
      }
    }
    // only a macro whose body mentions `caller` takes it; another keeps it in kwargs or refuses it
    if (spec.catchCaller) {
      s.caller = rest.caller;
      delete rest.caller;
    }
    // Stryker disable next-line ConditionalExpression: a body that never names varargs cannot see it
    if (spec.catchVarargs) s.varargs = Tuple.create(args.slice(params.length));
    if (spec.catchKwargs) s.kwargs = rest;
    else {
      const extra = Object.keys(rest);
      if (extra.includes("caller")) fail(`macro '${name}' was invoked with two values for the special caller argument. This is most likely a bug.`);
      if (extra.length > 0) fail(`macro '${name}' takes no keyword argument '${extra[0]}'`);
    }
    try {
      return body(s);
    } catch (e) {
      if (e instanceof MacroReturn) return e.value;
      throw e;
    }
  };
  const macro = ((...args: unknown[]) => invoke(args, {})) as Macro;
  macro[MACRO] = invoke;
  Object.defineProperty(macro, "name", { value: spec.name });
  // Jinja2's Macro attributes (read before the function's own, which strict mode guards)
  const attributes: Record<string, unknown> = { name: spec.name, arguments: Tuple.create(spec.params), catch_kwargs: spec.catchKwargs, catch_varargs: spec.catchVarargs, caller: spec.catchCaller };
  Object.defineProperty(macro, PY_REPR, { value: () => `<Macro '${spec.name}'>` });
  Object.defineProperty(macro, PY_GETATTR, { value: (attr: string) => (Object.prototype.hasOwnProperty.call(attributes, attr) ? attributes[attr] : undefined) });
  return macro;
}
