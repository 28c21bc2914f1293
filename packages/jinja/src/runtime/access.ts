import { HOST_FUNCTION, PYTHON_VALUES } from "../host-function";
import { invokePythonMethod, NO_METHOD, pythonMethod, DICT_METHODS } from "./python-methods";
import { fail } from "./signals";
import { isDict, numberOf, PyFloat, PY_GETATTR, pyEquals, PyRange, Tuple, typeName } from "./values";
import { MACRO, type Macro } from "./macro";
import { iterate } from "./iterate";

const NO_KWARGS: Record<string, unknown> = Object.freeze({});

/** While above 0, calling, indexing or reading an attribute of an undefined value gives undefined. */
let undefinedTolerated = 0;

/**
 * Runs `render` with undefined values tolerated as dbt's parser tolerates them: calling an
 * undefined name, or reading an attribute or item of one, gives an undefined value instead of
 * failing (which prints as nothing, is false and iterates as empty), so a node that calls a macro
 * that does not exist still parses and its later `ref`s are recorded. Other uses of undefined
 * values (arithmetic) still fail.
 */
export function tolerateUndefined<T>(render: () => T): T {
  undefinedTolerated++;
  try {
    return render();
  } finally {
    undefinedTolerated--;
  }
}
const OBJECT_PROTO = Object.prototype as unknown as Record<string, unknown>;
const HOST_DICT_METHODS = new Set(["get", "items", "keys", "values"]);

function hostProperty(obj: object, name: string): unknown {
  const pyGetattr = (obj as { [PY_GETATTR]?: (n: string) => unknown })[PY_GETATTR];
  if (typeof pyGetattr === "function") {
    const found = pyGetattr.call(obj, name);
    if (found !== undefined) return found;
  }
  const v = (obj as Record<string, unknown>)[name];
  // (an absent member is undefined on both sides)
  return v === OBJECT_PROTO[name] ? undefined : v;
}

/** Jinja2's `obj.name`: attribute first (including Python methods), then item. */
export function getattr(obj: unknown, name: string, desc: string): unknown {
  if (obj === undefined) return undefinedTolerated > 0 ? undefined : fail(`'${desc}' is undefined`);
  if (obj === null || typeof obj === "number" || typeof obj === "boolean" || obj instanceof PyFloat) return undefined;
  const method = pythonMethod(obj, name);
  if (method) return bindMethod(obj, method);
  if (typeof obj === "string") return undefined;
  // dbt's macro objects: `m.call_macro(…)` calls the macro as `m(…)` does
  if (name === "call_macro" && (obj as Partial<Macro>)[MACRO]) return obj;
  if (Array.isArray(obj)) return name !== "length" && Object.prototype.hasOwnProperty.call(obj, name) ? (obj as unknown as Record<string, unknown>)[name] : undefined;
  const v = hostProperty(obj as object, name);
  if (v !== undefined) {
    if (typeof v === "function" && !isDict(obj) && !(v as Partial<Macro>)[MACRO] && !(v as { [HOST_FUNCTION]?: unknown })[HOST_FUNCTION]) return v.bind(obj);
    return v;
  }
  if (obj instanceof Map) return obj.get(name);
  if (HOST_DICT_METHODS.has(name) && typeof obj === "object") return bindMethod(obj, (a, k) => DICT_METHODS[name](obj as Record<string, unknown>, a, k));
  return undefined;
}

function bindMethod(self: unknown, m: (a: unknown[], k: Record<string, unknown>, g: (o: unknown, n: string) => unknown) => unknown): unknown {
  const f = (...args: unknown[]) => m(args, {}, attrOf);
  (f as unknown as Record<symbol, unknown>)[HOST_FUNCTION] = (a: unknown[], k: Record<string, unknown>) => m(a, k, attrOf);
  return f;
}

function attrOf(o: unknown, n: string): unknown {
  return /^\d+$/.test(n) && (Array.isArray(o) || typeof o === "string") ? getitem(o, Number(n), "value") : getattr(o, n, "value");
}

/** Jinja2's `obj[key]`: item first, then attribute. Negative indexes count from the end. */
export function getitem(obj: unknown, key: unknown, desc: string): unknown {
  if (obj === undefined) return undefinedTolerated > 0 ? undefined : fail(`'${desc}' is undefined`);
  if (obj === null) return undefined;
  if (typeof obj === "string" || Array.isArray(obj)) {
    // a bool indexes as the int it is in Python
    const i = numberOf(key);
    if (i !== undefined) {
      // (out of range, a str or a list has nothing: undefined)
      return obj[i < 0 ? obj.length + i : i];
    }
    return typeof key === "string" ? getattr(obj, key, desc) : undefined;
  }
  if (obj instanceof Map) {
    if (obj.has(key)) return obj.get(key);
    for (const [k, v] of obj) if (pyEquals(k, key)) return v;
    return undefined;
  }
  if (typeof obj === "object" || typeof obj === "function") {
    const name = String(key);
    const v = hostProperty(obj as object, name);
    if (v !== undefined) return v;
    // Jinja2 falls back to the attribute: `d['items']` is the dict's method when it has no such key
    return typeof key === "string" ? getattr(obj, key, desc) : undefined;
  }
  return undefined;
}

/** Python slicing `obj[start:stop:step]` on strings, lists and tuples. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  const items = typeof obj === "string" ? [...obj] : Array.isArray(obj) ? obj : iterate(obj);
  const n = items.length;
  const st = step === undefined || step === null ? 1 : (numberOf(step) as number);
  if (st === 0) fail("slice step cannot be zero");
  // Stryker disable next-line EqualityOperator: the step is not 0 here, so `>=` is the same
  const forward = st > 0;
  const norm = (v: unknown, dflt: number): number => {
    if (v === undefined || v === null) return dflt;
    let i = numberOf(v) as number;
    if (i < 0) i += n;
    return forward ? Math.min(Math.max(i, 0), n) : Math.min(Math.max(i, -1), n - 1);
  };
  const a = norm(start, forward ? 0 : n - 1);
  const b = norm(stop, forward ? n : -1);
  const out: unknown[] = [];
  for (let i = a; forward ? i < b : i > b; i += st) out.push(items[i]);
  if (typeof obj === "string") return out.join("");
  if (obj instanceof PyRange) return rangeSlice(obj, a, b, st, out);
  return obj instanceof Tuple ? Tuple.create(out) : out;
}

/** The range a slice of a range is, holding the numbers the slice picked. */
function rangeSlice(r: PyRange, a: number, b: number, st: number, picked: unknown[]): PyRange {
  const { start, step } = r.bounds;
  const out = PyRange.create(start + a * step, start + b * step, step * st);
  for (const x of picked) out.push(x as number);
  return out;
}

function hostArg(v: unknown): unknown {
  return v instanceof PyFloat ? v.value : v;
}

/** Calls a template-visible callable with Python-style arguments. */
export function call(fn: unknown, args: unknown[], kwargs: Record<string, unknown> | null, name: string, self?: unknown): unknown {
  if (typeof fn !== "function") {
    if (fn === undefined) return undefinedTolerated > 0 ? undefined : fail(`'${name}' is undefined`);
    return fail(`'${typeName(fn)}' object is not callable`);
  }
  const macro = (fn as Partial<Macro>)[MACRO];
  if (macro) return macro(args, kwargs ?? NO_KWARGS);
  const host = (fn as { [HOST_FUNCTION]?: (a: unknown[], k: Record<string, unknown>) => unknown })[HOST_FUNCTION];
  if (host) return host((fn as unknown as Record<symbol, unknown>)[PYTHON_VALUES] ? args : args.map(hostArg), kwargs ?? {});
  const plain = args.map(hostArg);
  if (kwargs && Object.keys(kwargs).length > 0) plain.push(kwargs);
  return (fn as (...a: unknown[]) => unknown).apply(self, plain);
}

/** `obj.name(args)`: Python methods of str/list/dict, host methods with `this` bound, or callable attributes. */
export function callMethod(obj: unknown, name: string, args: unknown[], kwargs: Record<string, unknown> | null, desc: string): unknown {
  if (obj === null) return fail(`'None' has no attribute '${name}'`);
  const result = invokePythonMethod(obj, name, args, kwargs ?? NO_KWARGS, attrOf);
  if (result !== NO_METHOD) return result;
  const fn = getattr(obj, name, desc);
  if (fn === undefined) {
    // (getattr has failed already on an undefined value unless undefined values are tolerated)
    if (obj === undefined) return undefined;
    // Jinja2's words for Python's own types; a host object's missing member is named by its path
    if ((typeof obj !== "object" && typeof obj !== "function") || isDict(obj) || Array.isArray(obj) || obj instanceof PyFloat) return fail(`'${typeName(obj)} object' has no attribute '${name}'`);
    return fail(`'${desc}.${name}' is undefined`);
  }
  // Stryker disable next-line StringLiteral: call() names only an undefined callee, and fn is defined here
  return call(fn, args, kwargs, `${desc}.${name}`);
}
