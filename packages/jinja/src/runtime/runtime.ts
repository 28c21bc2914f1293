import { JinjaError } from "../errors";
import { call, callMethod, getattr, getitem, slice } from "./access";
import { BUILTIN_FILTERS, type FilterEnv, type FilterFn } from "./filters";
import { iterate, tuple, unpack } from "./iterate";
import { Namespace } from "./globals";
import { LoopContext } from "./loop-context";
import { makeMacro } from "./macro";
import * as ops from "./operators";
import { fail, MacroReturn } from "./signals";
import { BUILTIN_TESTS, type TestFn } from "./tests";
import { isDict, PyFloat, PY_EQ, pyEquals, pyStr, truthy, typeName } from "./values";

/** Where `resolveGlobal` hides in a root scope (found through the prototype chain). */
export const RESOLVE = Symbol("tsdbt.jinja.resolveGlobal");

/** The template a compiled function is rendering, for error locations. */
export interface RenderMeta {
  file: string;
  lineOffset: number;
  source: string;
}

const EMPTY_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];
const EMPTY_KWARGS: Record<string, unknown> = Object.freeze({});

const DIGITS = /^\d+$/;
const OBJECT_PROTO = Object.prototype as unknown as Record<string, unknown>;

/** Builds the runtime object generated template code calls (`rt.*`). */
export function createRuntime(globals: Record<string, unknown>, filters: Record<string, FilterFn>, tests: Record<string, TestFn>) {
  // a filter or test named by a filter's argument (`map('x')`, `select('y')`): Jinja2's shorter message
  const filterEnv: FilterEnv = {
    filter: (name, value, args, kwargs) => (filters[name] ? applyFilter(name, value, args, kwargs) : fail(`No filter named '${name}'.`)),
    test: (name, value, args) => (tests[name] ? applyTest(name, value, args) : fail(`No test named '${name}'.`)),
    attr: (value, path, dflt, strict) => {
      const parts = path.split(".");
      let v = value;
      for (const [i, part] of parts.entries()) {
        const from = v;
        v = DIGITS.test(part) ? getitem(v, Number(part), part) : v === undefined ? undefined : getattr(v, part, part);
        // Jinja2 puts the default in at each step; without one, a missing step fails the next one
        if (v === undefined && dflt !== undefined && dflt !== null) v = dflt;
        else if (v === undefined && (strict || i < parts.length - 1)) fail(missingStep(from, part));
      }
      return v;
    },
  };
  function applyFilter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown {
    const f = filters[name];
    if (!f) return fail(`No filter named '${name}' found.`);
    return f(filterEnv, value, args, kwargs);
  }
  function applyTest(name: string, value: unknown, args: unknown[]): boolean {
    const t = tests[name];
    if (!t) return fail(`No test named '${name}' found.`);
    return t(value, ...args);
  }
  return {
    /** Shared empty argument list and keyword object for calls without arguments. */
    A0: EMPTY_ARGS,
    K0: EMPTY_KWARGS,
    ...ops,
    str: pyStr,
    truthy,
    tuple,
    iterate,
    unpack,
    getattr,
    getitem,
    slice,
    call,
    callMethod,
    macro: makeMacro,
    filter: applyFilter,
    test: applyTest,
    float: (n: number) => new PyFloat(n),
    /** A name given to an operator Jinja2's Undefined refuses (arithmetic, ordering): if undefined, fails naming it, as Jinja2 does. */
    defined: (v: unknown, name: string): unknown => (v === undefined ? fail(`'${name}' is undefined`) : v),
    loop: (items: unknown[]) => new LoopContext(items, 0),
    dict(flat: unknown[]): Record<string, unknown> | Map<unknown, unknown> {
      // host objects with their own equality (dbt relations) stay keys, as in Python: the dict is a Map
      // Stryker disable next-line EqualityOperator: reading one past the end finds undefined, no host key
      for (let i = 0; i < flat.length; i += 2) if (isHashableHost(flat[i])) return hostKeyedDict(flat);
      const d: Record<string, unknown> = {};
      for (let i = 0; i < flat.length; i += 2) d[pyStr(flat[i])] = flat[i + 1];
      return d;
    },
    kwargsOf(v: unknown): Record<string, unknown> {
      if (isDict(v)) return v;
      if (v instanceof Map) return Object.fromEntries(v);
      return fail(`argument after ** must be a mapping, not ${typeName(v)}`);
    },
    setattr(obj: unknown, name: string, value: unknown): void {
      // `{% set x.name = … %}`: only on a namespace(), as in Jinja2
      if (!(obj instanceof Namespace)) fail("cannot assign attribute on non-namespace object");
      (obj as unknown as Record<string, unknown>)[name] = value;
    },
    lookup(s: Record<string | symbol, unknown>, name: string): unknown {
      const v = s[name];
      // JavaScript's own members (`constructor`, `__proto__`: the parent scope) are no template names
      // (an undefined value of a name Object.prototype has is the scope's own: it hides globals too)
      if (v !== OBJECT_PROTO[name] && name !== "__proto__") return v;
      // a name bound in scope to an undefined value (a macro parameter not passed) hides globals, as in Jinja
      // (v is undefined here, or a member of Object.prototype, which the second test leaves out)
      if (name in s && !(name in OBJECT_PROTO)) return undefined;
      if (Object.prototype.hasOwnProperty.call(globals, name)) return globals[name];
      const resolve = s[RESOLVE] as ((n: string) => unknown) | undefined;
      return resolve ? resolve(name) : undefined;
    },
    locate(e: unknown, line: number, col: number, meta: RenderMeta): unknown {
      if (e instanceof JinjaError || e instanceof MacroReturn) return e;
      return locatedError(e, line, col, meta);
    },
  };
}

/** The runtime object generated code receives. */
export type Runtime = ReturnType<typeof createRuntime>;

/** Turns an error at a 0-based position of a template into a located {@link JinjaError}. */
export function locatedError(e: unknown, line0: number, col0: number, meta: RenderMeta, code = "TSDBT-J002"): JinjaError {
  const message = e instanceof Error ? e.message : String(e);
  const line = line0 + meta.lineOffset;
  const snippet = meta.source.split("\n")[line0];
  const cause = code === "TSDBT-J002" && !(e instanceof Error && e.name === "RenderFailure") ? e : undefined;
  return new JinjaError(code, message, { file: meta.file, line, col: col0 + 1 }, snippet, cause);
}

export { BUILTIN_FILTERS, BUILTIN_TESTS };

/** Jinja2's words for the step of an attribute path that found nothing. */
function missingStep(from: unknown, part: string): string {
  const owner = from === null ? "None" : `${typeName(from)} object`;
  return DIGITS.test(part) ? `${owner} has no element ${part}` : `'${owner}' has no attribute '${part}'`;
}

function isHashableHost(v: unknown): boolean {
  return typeof v === "object" && v !== null && typeof (v as { [PY_EQ]?: unknown })[PY_EQ] === "function";
}

/** A dict literal with host-object keys: equal keys (by their __eq__) collapse, the first key kept. */
function hostKeyedDict(flat: unknown[]): Map<unknown, unknown> {
  const m = new Map<unknown, unknown>();
  for (let i = 0; i < flat.length; i += 2) {
    let key = flat[i];
    for (const k of m.keys()) if (pyEquals(k, key)) key = k;
    m.set(key, flat[i + 1]);
  }
  return m;
}
