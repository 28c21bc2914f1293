import { fail } from "./signals";
import { printfFormat } from "./string-format";
import { isFloat, itemEquals, numberOf, pyEquals, PyFloat, PyRange, toFloat, Tuple, typeName } from "./values";
import { fixed, decimalAdd, decimalCompare, decimalDiv, decimalFloorDiv, decimalMod, decimalMul, decimalNegate, decimalPow, decimalSub } from "./decimal-arithmetic";
import { decimalComparands, decimalOperands } from "./decimal-operands";
import { PyDecimal } from "./py-decimal";

function operands(op: string, a: unknown, b: unknown): [number, number, boolean] {
  const x = numberOf(a);
  const y = numberOf(b);
  if (x === undefined || y === undefined) fail(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  return [x, y, isFloat(a) || isFloat(b)];
}

/**
 * Python's operator protocol for host objects (dates, timedeltas): `a.__add__(b)`, else
 * `b.__radd__(a)`. Either may return {@link NOT_IMPLEMENTED} to decline, as this does when neither applies.
 */
export const NOT_IMPLEMENTED = Symbol.for("tsdbt.jinja.NotImplemented");
function dunder(a: unknown, b: unknown, name: string, reflected: string): unknown {
  // (a value other than an object has no such method: a number's or a string's member is undefined)
  const own = (a as Record<string, unknown> | null | undefined)?.[name];
  if (typeof own === "function") {
    const r = (own as (x: unknown) => unknown).call(a, b);
    if (r !== NOT_IMPLEMENTED) return r;
  }
  const other = (b as Record<string, unknown> | null | undefined)?.[reflected];
  return typeof other === "function" ? (other as (x: unknown) => unknown).call(b, a) : NOT_IMPLEMENTED;
}
// Stryker disable next-line ConditionalExpression: a primitive taken for a host has no dunder method, so nothing changes
const isHost = (v: unknown): boolean => v !== null && typeof v === "object" && !Array.isArray(v);
/** A list or tuple (Python's range has no `+`, `*` or ordering). */
const isSequence = (v: unknown): v is unknown[] => Array.isArray(v) && !(v instanceof PyRange);

// (a Python int has no negative zero: 0 * -1 is 0, and 0 * -1 * 1.0 is 0.0)
const num = (n: number, float: boolean): number | PyFloat => (float ? toFloat(n) : n === 0 ? 0 : n);

/** Python `+`: numbers, str + str, list + list, tuple + tuple. */
export function add(a: unknown, b: unknown): unknown {
  // (a str on the right only: Python's error for the left operand's type, below)
  if (typeof a === "string") {
    if (typeof b === "string") return a + b;
    fail(`can only concatenate str (not "${typeName(b)}") to str`);
  }
  if (isSequence(a) && isSequence(b) && a instanceof Tuple === b instanceof Tuple) return a instanceof Tuple ? Tuple.create([...a, ...b]) : [...a, ...b];
  // Stryker disable next-line ConditionalExpression: a fast path only, dunder() finds no method on other values
  if (isHost(a) || isHost(b)) {
    const r = dunder(a, b, "__add__", "__radd__");
    if (r !== NOT_IMPLEMENTED) return r;
  }
  // a list or tuple with anything else (a range has no +: the operand types, below)
  if (isSequence(a)) fail(`can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
  const d = decimalOperands("+", a, b);
  if (d) return decimalAdd(...d);
  const [x, y, f] = operands("+", a, b);
  return num(x + y, f);
}

/** Python `-`. */
export function sub(a: unknown, b: unknown): unknown {
  // Stryker disable next-line ConditionalExpression: a fast path only, dunder() finds no method on other values
  if (isHost(a) || isHost(b)) {
    const r = dunder(a, b, "__sub__", "__rsub__");
    if (r !== NOT_IMPLEMENTED) return r;
  }
  const d = decimalOperands("-", a, b);
  if (d) return decimalSub(...d);
  const [x, y, f] = operands("-", a, b);
  return num(x - y, f);
}

/** Python `*`: numbers, and repetition of str/list by an int. */
export function mul(a: unknown, b: unknown): unknown {
  const seq = typeof a === "string" || isSequence(a) ? a : typeof b === "string" || isSequence(b) ? b : undefined;
  if (seq !== undefined) {
    // an int or a bool: not a float, even a whole one ('a' * 2.0), nor a Decimal
    const other = seq === a ? b : a;
    const times = typeof other === "boolean" || Number.isInteger(other) ? Number(other) : undefined;
    if (times === undefined) fail(`can't multiply sequence by non-int of type '${typeName(other)}'`);
    if (typeof seq === "string") return seq.repeat(Math.max(0, times));
    const out: unknown[] = [];
    for (let i = 0; i < times; i++) out.push(...(seq as unknown[]));
    return seq instanceof Tuple ? Tuple.create(out) : out;
  }
  // Stryker disable next-line ConditionalExpression: a fast path only, dunder() finds no method on other values
  if (isHost(a) || isHost(b)) {
    const r = dunder(a, b, "__mul__", "__rmul__");
    if (r !== NOT_IMPLEMENTED) return r;
  }
  const d = decimalOperands("*", a, b);
  if (d) return decimalMul(...d);
  const [x, y, f] = operands("*", a, b);
  return num(x * y, f);
}

/** Python `/`: always a float. */
export function div(a: unknown, b: unknown): unknown {
  const d = decimalOperands("/", a, b);
  if (d) return decimalDiv(...d);
  const [x, y, f] = operands("/", a, b);
  if (y === 0) fail(f ? "float division by zero" : "division by zero");
  return toFloat(x / y);
}

/** Python `//`. */
export function floorDiv(a: unknown, b: unknown): unknown {
  const d = decimalOperands("//", a, b);
  if (d) return decimalFloorDiv(...d);
  const [x, y, f] = operands("//", a, b);
  if (y === 0) fail(f ? "float floor division by zero" : "integer division or modulo by zero");
  if (!f) return num(Math.floor(x / y), false);
  // as Python computes it: from the remainder, so that -5 // inf is -1.0 and a zero keeps the quotient's sign
  const r = x % y;
  // (x - r) / y is a whole number up to rounding: the nearest one (-0.7 // 0.1 is -7.0)
  // Stryker disable next-line EqualityOperator: r and y are not 0 here, so `<=` is the same
  const quotient = Math.round((x - r) / y) - (r !== 0 && r < 0 !== y < 0 ? 1 : 0);
  // (a zero quotient has the sign of x / y: Math.sign(-0) * 0 is -0)
  // Stryker disable next-line ArithmeticOperator: x * y has the sign of x / y (y is not 0)
  return toFloat(quotient === 0 ? Math.sign(x / y) * 0 : quotient);
}

/** Python `%`: modulo with the divisor's sign, or printf-style formatting on a string. */
export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === "string") return printfFormat(a, b instanceof Tuple ? [...b] : [b]);
  const d = decimalOperands("%", a, b);
  if (d) return decimalMod(...d);
  const [x, y, f] = operands("%", a, b);
  if (y === 0) fail(f ? "float modulo" : "integer modulo by zero");
  // JavaScript's % keeps the dividend's sign; Python's result takes the divisor's (5 % -inf is -inf)
  const r = x % y;
  // Stryker disable next-line EqualityOperator: r and y are not 0 here, so `<=` is the same
  if (r !== 0) return num(r < 0 !== y < 0 ? r + y : r, f);
  // Stryker disable next-line EqualityOperator: y is not 0 here
  return f ? toFloat(y < 0 ? -0 : 0) : 0;
}

/** Python `**`. */
export function pow(a: unknown, b: unknown): unknown {
  const d = decimalOperands("** or pow()", a, b);
  if (d) return decimalPow(...d);
  const [x, y, f] = operands("** or pow()", a, b);
  if (x === 0 && y < 0) fail("0.0 cannot be raised to a negative power");
  // C's pow, which Python follows: 1 ** nan and (-1) ** inf are 1 (NaN in JavaScript)
  const r = x === 1 || (x === -1 && Math.abs(y) === Infinity) ? 1 : x ** y;
  // a float result too large for a double is an error (an int one is a long int in Python, a float here)
  if (f && Math.abs(r) === Infinity && Number.isFinite(x) && Number.isFinite(y)) fail("(34, 'Numerical result out of range')");
  return num(r, f || y < 0);
}

/** Unary minus. */
export function neg(a: unknown): unknown {
  if (a instanceof PyDecimal) return decimalNegate(a);
  if (isHost(a) && typeof (a as { __neg__?: unknown }).__neg__ === "function") return (a as { __neg__: () => unknown }).__neg__();
  const x = numberOf(a);
  if (x === undefined) fail(`bad operand type for unary -: '${typeName(a)}'`);
  return num(-x, isFloat(a));
}

/** Unary plus. */
export function pos(a: unknown): unknown {
  const x = numberOf(a);
  if (x === undefined) fail(`bad operand type for unary +: '${typeName(a)}'`);
  // Python's +True is 1, and +Decimal rounds to the context and makes a zero positive
  if (typeof a === "boolean") return x;
  return a instanceof PyDecimal && !a.isSpecial ? fixed(a.negative && !a.isZero, a.coefficient, a.exponent) : a;
}

/** Python ordering comparison (`<`, `<=`, `>`, `>=`) without JS coercion. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === "==") return pyEquals(a, b);
  if (op === "!=") return !pyEquals(a, b);
  const c = order(op, a, b);
  switch (op) {
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c >= 0;
  }
}

/** Python's order of two strs: by code point (JavaScript's `<` compares UTF-16 units, which puts U+FFFF after an emoji). */
function stringOrder(a: string, b: string): number {
  if (a === b) return 0;
  // (two different strs differ at some index, or one of them ends there: its undefined is no character)
  let i = 0;
  while (a[i] === b[i]) i++;
  // (past the end of one of them: -1, so the shorter comes first)
  const x = a.codePointAt(i) ?? -1;
  const y = b.codePointAt(i) ?? -1;
  return x < y ? -1 : 1;
}

/** -1, 0 or 1 (NaN for a NaN, which no order holds for); a Python TypeError for values that have no order. */
export function order(op: string, a: unknown, b: unknown): number {
  const d = decimalComparands(a, b);
  if (d) {
    const c = decimalCompare(...d);
    return Number.isNaN(c) ? fail("[<class 'decimal.InvalidOperation'>]") : c;
  }
  const x = numberOf(a);
  const y = numberOf(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  if (typeof a === "string" && typeof b === "string") return stringOrder(a, b);
  if (isHost(a) && typeof (a as { __lt__?: unknown }).__lt__ === "function") {
    const lt = (a as { __lt__: (o: unknown) => unknown }).__lt__(b);
    if (lt !== NOT_IMPLEMENTED) return lt ? -1 : pyEquals(a, b) ? 0 : 1;
  }
  // lists with lists, tuples with tuples (a range has no order)
  if (isSequence(a) && isSequence(b) && a instanceof Tuple === b instanceof Tuple) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!itemEquals(a[i], b[i])) return order(op, a[i], b[i]);
    }
    return a.length - b.length;
  }
  return fail(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Python `in`. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === "string") {
    if (typeof item !== "string") fail(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => itemEquals(x, item));
  if (container instanceof Map || container instanceof Set) return container.has(item) || [...container.keys()].some((x) => itemEquals(x, item));
  if (container === undefined) return false;
  if (container !== null && typeof container === "object") return Object.prototype.hasOwnProperty.call(container, String(item));
  return fail(`argument of type '${typeName(container)}' is not iterable`);
}
