import { PyDecimal } from "./py-decimal";
import { decimalCompare } from "./decimal-arithmetic";
import { decimalComparands } from "./decimal-operands";
import { RenderFailure } from "./signals";

/**
 * Python value semantics for JavaScript values: how templates see, compare and print them.
 * Python `list` is a JS array, `tuple` a {@link Tuple}, `dict` a plain object, `None` is `null`,
 * Jinja2's Undefined is `undefined`, and a float with an integral value is a {@link PyFloat}
 * (other floats are plain numbers: they print the same in both languages).
 */

/** A Python tuple: an array that prints as `(a, b)`. */
export class Tuple<T = unknown> extends Array<T> {
  /** Builds a tuple from items (Array's own constructor treats a single number as a length). */
  static create<U>(items: Iterable<U>): Tuple<U> {
    const t = new Tuple<U>();
    for (const x of items) t.push(x);
    return t;
  }
}

/** A float whose value is integral (`5.0`), so it prints as Python does. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return formatFloat(this.value);
  }
}

/** Lets a host object choose how it prints inside a list or dict (Python's `repr`). */
export const PY_REPR = Symbol.for("tsdbt.jinja.repr");

/**
 * Python's `range(start, stop, step)`: the list of its numbers (loops, indexes, filters see a
 * list), printed as Python prints a range (`range(0, 3)`).
 */
export class PyRange extends Array<number> {
  /** Derived arrays (`map`, `filter`, `slice`) are plain lists. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  /** The bounds it was built with (a slice of a range is a range: `range(5)[1:]` is `range(1, 5)`). */
  declare readonly bounds: { start: number; stop: number; step: number };

  /** An empty range that prints as `range(start, stop[, step])`; the caller pushes its numbers. */
  static create(start: number, stop: number, step: number): PyRange {
    const r = new PyRange();
    Object.defineProperty(r, "bounds", { value: { start, stop, step } });
    return r;
  }

  /** Python's repr of a range. */
  [PY_REPR](): string {
    const { start, stop, step } = this.bounds;
    return step === 1 ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`;
  }
}

/**
 * Host objects that templates should treat as a Python `Mapping` (`obj is mapping` is true)
 * set this symbol to `true`, as dbt's Relation and Column objects are mappings.
 */
export const PY_MAPPING = Symbol.for("tsdbt.jinja.mapping");

/**
 * Python methods of a host object: a record from method name to `(self, args, kwargs)`,
 * so `obj.name(a, key=v)` receives positional and keyword arguments apart.
 */
export const PY_METHODS = Symbol.for("tsdbt.jinja.methods");

/**
 * A host object's Python attributes: `(name) => value`, `undefined` when it has none by that
 * name. Read before its JavaScript properties by `obj.name` and `obj['name']`.
 */
export const PY_GETATTR = Symbol.for("tsdbt.jinja.getattr");

/** A host object's Python `__eq__`: `(self, other) => boolean`, used by `==`, `in` and `is eq`. */
export const PY_EQ = Symbol.for("tsdbt.jinja.eq");

/** The signature of one entry of a host object's {@link PY_METHODS} table. */
export type HostMethod = (self: never, args: unknown[], kwargs: Record<string, unknown>) => unknown;

/** Makes a float value: a PyFloat when integral, else a plain number. */
export function toFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** The numeric value of a number, boolean or PyFloat; `undefined` for anything else. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyDecimal) return v.valueOf();
  if (typeof v === "boolean") return v ? 1 : 0;
  // a Python int beyond 2^53 (`| int` of a long Decimal) computes as the nearest number
  if (typeof v === "bigint") return Number(v);
  return undefined;
}

/**
 * Python's str of an int held as a number, with every digit: JavaScript writes 2 ** 64 as
 * 18446744073709552000 and 10 ** 21 as 1e+21 (a whole number beyond 2^53 is the exact value of its double).
 */
export function intText(n: number): string {
  // Stryker disable next-line ConditionalExpression: a fast path, BigInt writes a safe integer's same digits
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** An argument Python reads as an int (`range(n)`, `round(x, n)`, `sorted(reverse=…)`): an int or a bool, else its TypeError. */
export function pyIndex(v: unknown): number {
  if (typeof v === "boolean" || Number.isInteger(v)) return Number(v);
  throw new RenderFailure(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** True for values Python would call a float. */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === "number" && !Number.isInteger(v));
}

/** True for plain objects, which play Python's `dict`. */
export function isDict(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Formats a float as Python's repr does. */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return "nan";
  // Stryker disable next-line EqualityOperator: n is ±Infinity here, never 0
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Object.is(n, -0)) return "-0.0";
  // (from 1e16 on the exponent has two digits already)
  if (Number.isInteger(n)) return Math.abs(n) >= 1e16 ? n.toExponential() : `${n}.0`;
  // below 1e-4 Python writes an exponent (JavaScript only below 1e-6)
  const s = Math.abs(n) < 1e-4 ? n.toExponential() : String(n);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/**
 * `n` with `digits` decimals, rounded as Python does (`'%.2f' % n`, `round(n, 2)`): on the
 * exact binary value, ties to even (JavaScript's toFixed breaks exact ties upwards and stops at
 * 100 decimals); a negative number that rounds to zero, and -0, keep their sign.
 */
export function pyToFixed(n: number, digits: number): string {
  if (!Number.isFinite(n)) return formatFloat(n);
  // |n| = mantissa * 2^exponent: a whole number with -exponent decimals once multiplied by 5^-exponent
  const [mantissa, exponent] = binaryParts(Math.abs(n));
  // Stryker disable next-line EqualityOperator: with an exponent of 0 both give the mantissa
  const exact = exponent >= 0 ? mantissa << BigInt(exponent) : mantissa * 5n ** BigInt(-exponent);
  const dropped = Math.max(0, -exponent) - digits;
  let kept: bigint;
  // Stryker disable next-line EqualityOperator: dropping 0 digits (a unit of 1) rounds nothing
  if (dropped <= 0) kept = exact * 10n ** BigInt(-dropped);
  else {
    const unit = 10n ** BigInt(dropped);
    kept = exact / unit;
    const twiceRest = (exact % unit) * 2n;
    if (twiceRest > unit || (twiceRest === unit && kept % 2n === 1n)) kept += 1n;
  }
  const text = kept.toString().padStart(digits + 1, "0");
  const sign = n < 0 || Object.is(n, -0) ? "-" : "";
  return sign + (digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`);
}

/** A finite double of 0 or more as `mantissa * 2^exponent`, both whole numbers. */
function binaryParts(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number(bits >> 52n);
  const fraction = bits & 0xfffffffffffffn;
  // a subnormal has no implicit leading 1 and the smallest exponent
  return biasedExponent === 0 ? [fraction, -1074] : [fraction | 0x10000000000000n, biasedExponent - 1075];
}

/** The registered symbol a macro carries (macro.ts's MACRO; macro.ts imports this module). */
const MACRO_KEY = Symbol.for("tsdbt.jinja.macro");

/** Python's type name of a value, for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return "NoneType";
  if (v === undefined) return "Undefined";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "bigint") return "int";
  if (v instanceof PyFloat) return "float";
  // Python's TypeErrors name the C type: '<' not supported between instances of 'decimal.Decimal' and 'str'
  if (v instanceof PyDecimal) return "decimal.Decimal";
  if (v instanceof Tuple) return "tuple";
  if (v instanceof PyRange) return "range";
  if (Array.isArray(v)) return "list";
  if (isDict(v) || v instanceof Map) return "dict";
  if (v instanceof Set) return "set";
  // (a macro is Jinja2's Macro object)
  if (typeof v === "function") return MACRO_KEY in v ? "Macro" : "function";
  return (v as object).constructor?.name ?? "object";
}

/** A host object's Python truth value (`__bool__`): a method under this key, called by `if`, `not`, `and`/`or`. */
export const PY_BOOL: unique symbol = Symbol.for("tsdbt.jinja.bool") as never;

/** Python truthiness: empty strings, lists and dicts, zero, None and Undefined are false. */
export function truthy(v: unknown): boolean {
  // (NaN is true, as in Python; 0n is an int zero, `| int` of a Decimal)
  if (v === undefined || v === null || v === false || v === "" || v === 0 || v === 0n) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (v instanceof PyDecimal) return !v.isZero;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isDict(v)) {
    for (const _ in v) return true;
    return false;
  }
  if (v instanceof String) return v.length > 0;
  const pyBool = (v as { [PY_BOOL]?: () => boolean })[PY_BOOL];
  return typeof pyBool === "function" ? pyBool.call(v) : true;
}

/** Python's `str()` of a value, as `{{ value }}` prints it (Undefined prints nothing). */
export function pyStr(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? intText(v) : formatFloat(v);
  if (typeof v === "object" && v !== null && !Array.isArray(v) && !isDict(v) && !(v instanceof PyFloat)) {
    const custom = (v as { toString?: () => string }).toString;
    if (typeof custom === "function" && custom !== Object.prototype.toString) return custom.call(v);
  }
  return pyRepr(v);
}

/** Python's `repr()` of a value, as lists and dicts print their items. */
export function pyRepr(v: unknown): string {
  if (typeof v === "string") return quote(v);
  if (v === null) return "None";
  if (v === undefined) return "Undefined";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return Number.isInteger(v) ? intText(v) : formatFloat(v);
  if (v instanceof PyFloat) return formatFloat(v.value);
  if (v instanceof PyDecimal) return `Decimal('${v.text}')`;
  if (typeof v === "function") return typeof (v as { [PY_REPR]?: unknown })[PY_REPR] === "function" ? (v as unknown as { [PY_REPR]: () => string })[PY_REPR]() : `<function ${v.name || "anonymous"}>`;
  // (a bigint prints through its toString, below)
  const custom = (v as { [PY_REPR]?: () => string })[PY_REPR];
  if (typeof custom === "function") return custom.call(v);
  if (v instanceof Tuple) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${v.map(pyRepr).join(", ")})`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
  if (v instanceof Set) return v.size === 0 ? "set()" : `{${[...v].map(pyRepr).join(", ")}}`;
  if (!isDict(v)) {
    const s = (v as { toString?: () => string }).toString;
    if (typeof s === "function" && s !== Object.prototype.toString) return s.call(v);
  }
  return `{${Object.entries(v).map(([k, x]) => `${quote(k)}: ${pyRepr(x)}`).join(", ")}}`;
}

function quote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const c of s) {
    if (c === q || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else if (c === "\t") out += "\\t";
    else if (c === "\r") out += "\\r";
    else if (c !== " " && NOT_PRINTABLE.test(c)) out += escapeCodePoint(c.codePointAt(0)!);
    else out += c;
  }
  return out + q;
}

/** What Python's str.isprintable() refuses (other and separator characters but the space): repr() escapes them. */
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

function escapeCodePoint(cp: number): string {
  const hex = cp.toString(16);
  // Stryker disable next-line EqualityOperator: U+0100 is printable, never escaped, so `<=` is the same
  if (cp < 0x100) return "\\x" + hex.padStart(2, "0");
  // Stryker disable next-line EqualityOperator: U+10000 is printable, never escaped, so `<=` is the same
  if (cp < 0x10000) return "\\u" + hex.padStart(4, "0");
  return "\\U" + hex.padStart(8, "0");
}

/** Python `==`: no JS coercion; lists and dicts compare by content; `1 == 1.0 == True`. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a instanceof PyDecimal || b instanceof PyDecimal) {
    // exact, as Python compares a Decimal with an int or a float; NaN equals nothing, itself neither
    const d = decimalComparands(a, b);
    return d !== null && decimalCompare(...d) === 0;
  }
  if (a === b) return true;
  if (typeof a === "object" && a !== null && typeof (a as { [PY_EQ]?: unknown })[PY_EQ] === "function") return (a as { [PY_EQ]: (o: unknown) => boolean })[PY_EQ](b);
  if (typeof b === "object" && b !== null && typeof (b as { [PY_EQ]?: unknown })[PY_EQ] === "function") return (b as { [PY_EQ]: (o: unknown) => boolean })[PY_EQ](a);
  if (a !== null && typeof a === "object" && typeof (a as { __eq__?: unknown }).__eq__ === "function") return Boolean((a as { __eq__: (o: unknown) => unknown }).__eq__(b));
  const na = numberOf(a);
  const nb = numberOf(b);
  // a number (an int, float or bool) equals only an equal number
  // Stryker disable next-line LogicalOperator,ConditionalExpression: a number and a value that is none reach `return false` below anyway
  if (na !== undefined || nb !== undefined) return na === nb;
  // a String object (a host's str) and a str
  if (isStr(a) && isStr(b)) return String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a instanceof Tuple !== b instanceof Tuple || a instanceof PyRange !== b instanceof PyRange || a.length !== b.length) return false;
    return a.every((x, i) => itemEquals(x, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && itemEquals(a[k], b[k]));
  }
  // Python sets (dbt's set()): equal when they hold equal members, in any order
  if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return false;
    const members = [...b];
    return [...a].every((x) => members.some((y) => itemEquals(x, y)));
  }
  return false;
}

const isStr = (v: unknown): boolean => typeof v === "string" || v instanceof String;

/**
 * Python's equality of a container's items (`==` of lists, `in`, `list.index`): the same object, or
 * equal, so that a NaN is found in a list that holds it (`nan in [nan]` is True).
 */
export function itemEquals(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || pyEquals(a, b);
}
