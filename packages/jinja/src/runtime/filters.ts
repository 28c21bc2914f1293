import { bindArgs, REQUIRED } from "./bind-args";
import { iterate, unpack } from "./iterate";
import { add, compare, floorDiv, mod, mul, order, pow, sub } from "./operators";
import { fail } from "./signals";
import { printfFormat } from "./string-format";
import { pythonMethod, STR_METHODS, WS_CLASS } from "./python-methods";
import { toJson } from "./json";
import { decimalAbs, decimalRound, decimalTrunc } from "./decimal-arithmetic";
import { PyDecimal } from "./py-decimal";
import { isDict, isFloat, numberOf, PyFloat, pyEquals, pyIndex, PyRange, pyRepr, pyStr, pyToFixed, toFloat, truthy, Tuple, typeName } from "./values";

/** What a filter can reach besides its arguments. */
export interface FilterEnv {
  filter(name: string, value: unknown, args: unknown[], kwargs: Record<string, unknown>): unknown;
  test(name: string, value: unknown, args: unknown[]): boolean;
  /**
   * Looks up a dotted attribute path (`a.b`, `0`) as Jinja2's attribute filters do: a step that
   * finds nothing fails the next one, unless a `dflt` (not None) stands in for it; with `strict`, the
   * last step fails too (where Jinja2 compares the Undefined it gives).
   */
  attr(value: unknown, path: string, dflt?: unknown, strict?: boolean): unknown;
}

/** A filter: `value | name(args, kwargs)`. */
export type FilterFn = (env: FilterEnv, value: unknown, args: unknown[], kwargs: Record<string, unknown>) => unknown;

const p = (name: string, ...params: Array<readonly [string, unknown]>) => (a: unknown[], k: Record<string, unknown>) => bindArgs(name, params, a, k);
/** Argument binders of the filters that take options (built once, not per call). */
const BIND = {
  groupby: p("groupby", ["attribute", REQUIRED], ["default", null], ["case_sensitive", false]),
  max: p("max", ["case_sensitive", false], ["attribute", null]),
  min: p("min", ["case_sensitive", false], ["attribute", null]),
  batch: p("batch", ["linecount", REQUIRED], ["fill_with", null]),
  center: p("center", ["width", 80]),
  default: p("default", ["default_value", ""], ["boolean", false]),
  float: p("float", ["default", new PyFloat(0)]),
  dictsort: p("dictsort", ["case_sensitive", false], ["by", "key"], ["reverse", false]),
  int: p("int", ["default", 0], ["base", 10]),
  indent: p("indent", ["width", 4], ["first", false], ["blank", false]),
  join: p("join", ["d", ""], ["attribute", null]),
  replace: p("replace", ["old", REQUIRED], ["new", REQUIRED], ["count", null]),
  round: p("round", ["precision", 0], ["method", "common"]),
  slice: p("slice", ["slices", REQUIRED], ["fill_with", null]),
  sort: p("sort", ["reverse", false], ["case_sensitive", false], ["attribute", null]),
  sum: p("sum", ["attribute", null], ["start", 0]),
  tojson: p("tojson", ["indent", null]),
  trim: p("trim", ["chars", null]),
  truncate: p("truncate", ["length", 255], ["killwords", false], ["end", "..."], ["leeway", 5]),
  unique: p("unique", ["case_sensitive", false], ["attribute", null]),
};
const str = (v: unknown): string => pyStr(v);
/** No arguments, for the str methods and filters called without any. */
const NO_ARGS: unknown[] = [];
const NO_KWARGS: Record<string, unknown> = {};
const lowerIf = (v: unknown, caseSensitive: unknown): unknown => (!truthy(caseSensitive) && typeof v === "string" ? v.toLowerCase() : v);
const keyFn = (env: FilterEnv, attribute: unknown, caseSensitive: unknown, strict = false) => (x: unknown): unknown =>
  lowerIf(attribute === null ? x : env.attr(x, String(attribute), undefined, strict), caseSensitive);

/**
 * The blanks Python's int() and float() strip: ASCII's six and Unicode's others (JavaScript's trim() also
 * takes U+FEFF and leaves U+0085; Python's str.strip() would also take U+001C–U+001F).
 */
const NUMBER_BLANKS = "[\\t\\n\\r\\x0b\\x0c \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const WS_EDGES = new RegExp(`^${NUMBER_BLANKS}+|${NUMBER_BLANKS}+$`, "g");
/** A Unicode decimal digit other than 0–9 (`١`, `５`). */
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;

/**
 * A str as Python's int() and float() read it: blanks around stripped, any Unicode decimal digit
 * as its ASCII digit (`'١٢'` is 12). Unicode puts each script's digits 0 to 9 in a row, so a digit's
 * value is its distance from the first digit of its row.
 */
function numberText(s: string): string {
  return s.replace(WS_EDGES, "").replace(OTHER_DIGIT, (d) => {
    const cp = d.codePointAt(0) as number;
    let zero = cp;
    while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
    return String((cp - zero) % 10);
  });
}

function toInt(v: unknown, dflt: unknown, base: number): unknown {
  if (typeof v === "string") {
    const t = numberText(v);
    const whole = pyIntOf(t, base);
    if (whole !== undefined) return whole;
    // then int(float(value)), as Jinja2 falls back
    const f = pyFloatOf(t);
    return f !== undefined && Number.isFinite(f) ? Math.trunc(f) : dflt;
  }
  if (v instanceof PyDecimal) {
    // int() of NaN is a ValueError (the default); of Infinity an OverflowError, which Jinja lets through
    if (v.special === "NaN") return dflt;
    // a Python int has every digit: beyond 2^53 it stays a bigint, which prints in full
    const whole = decimalTrunc(v);
    return Number.isSafeInteger(Number(whole)) ? Number(whole) : whole;
  }
  const n = numberOf(v);
  return n === undefined || !Number.isFinite(n) ? dflt : Math.trunc(n);
}

const PREFIX_BASES: Record<string, number> = { x: 16, o: 8, b: 2 };

/**
 * Python's int(text, base) of a stripped string, undefined where Python refuses it: a sign, the
 * base's prefix (`0x`, `0o`, `0b`; any of them for base 0), digits of the base with single `_`
 * between them (and after the prefix); base 0 reads a prefixless number as decimal without leading zeros.
 */
function pyIntOf(text: string, base: number): number | undefined {
  // (int() refuses another base: Jinja2 then tries float())
  if (base !== 0 && !(base >= 2 && base <= 36)) return undefined;
  // only the base's own prefix is one (with base 16, "0b1" is the number 0xb1)
  const prefixes = base === 0 ? "xob" : (Object.keys(PREFIX_BASES).find((p) => PREFIX_BASES[p] === base) ?? "");
  // (no prefix for a base without one: `[]` matches nothing)
  const prefix = `(?:0([${prefixes}])_?)?`;
  const m = new RegExp(`^([-+]?)${prefix}([0-9a-z]+(?:_[0-9a-z]+)*)$`, "i").exec(text);
  if (!m) return undefined;
  const [, sign, given, body] = m;
  // Stryker disable next-line ConditionalExpression: with a radix of 0 every digit is refused, and Jinja2's float() then reads the same decimal
  const radix = given ? PREFIX_BASES[given.toLowerCase()] : base === 0 ? 10 : base;
  // (parseInt reads letters in either case)
  const digits = body.replace(/_/g, "");
  if ([...digits].some((d) => parseInt(d, 36) >= radix)) return undefined;
  const n = parseInt(digits, radix);
  return sign === "-" ? -n : n;
}

/** A decimal float as Python writes one: digits (single `_` between them) with a point, at least one digit before the exponent. */
const FLOAT_TEXT = /^[-+]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][-+]?\d(?:_?\d)*)?$/;

/** Python's float() of a string: blanks around, `_` between digits, `nan`/`inf`/`infinity` in any case; undefined when it is none. */
function pyFloatOf(text: string): number | undefined {
  const s = numberText(text);
  const special = /^([-+]?)(nan|inf|infinity)$/i.exec(s);
  if (special) return special[2].toLowerCase() === "nan" ? NaN : special[1] === "-" ? -Infinity : Infinity;
  if (!FLOAT_TEXT.test(s)) return undefined;
  return Number(s.replace(/_/g, ""));
}

/**
 * Python's urllib quote of UTF-8 text, as Jinja2's urlencode filter quotes: letters, digits and
 * `_.-~` stay, and `/` too unless `forQuery`; there a blank becomes `+`.
 */
function urlQuote(text: string, forQuery: boolean): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) || (!forQuery && c === "/") ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return forQuery ? out.replace(/%20/g, "+") : out;
}

function roundHalfEven(n: number, digits: number): number {
  if (!Number.isFinite(n)) return n;
  // (a double has at most 1074 decimals: more digits give it back, and keep pyToFixed's BigInts small)
  // Stryker disable next-line EqualityOperator: with 0 digits the arithmetic below rounds the same (half to even)
  if (digits >= 0) return Number(pyToFixed(n, Math.min(digits, 1074)));
  const m = 10 ** digits;
  const x = n * m;
  const r = Math.round(x);
  return (Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r) / m;
}

function selectOrReject(env: FilterEnv, value: unknown, args: unknown[], byAttr: boolean, want: boolean): unknown[] {
  const [attr, testName, ...rest] = byAttr ? args : [undefined, ...args];
  const get = (x: unknown) => (byAttr ? env.attr(x, String(attr)) : x);
  if (value === null) return []; // Jinja2 selects nothing from None ('' and Undefined iterate as empty)
  return iterate(value).filter((x) => (testName === undefined ? truthy(get(x)) : env.test(String(testName), get(x), rest)) === want);
}

function groupby(env: FilterEnv, value: unknown, a: unknown[], k: Record<string, unknown>): unknown[] {
  const [attribute, dflt, cs] = BIND.groupby(a, k);
  const items = iterate(value);
  // Python's sort compares each of two or more items: an Undefined key (no default) fails there
  const key = (x: unknown) => lowerIf(env.attr(x, String(attribute), dflt, items.length > 1), cs);
  const sorted = [...items].sort((x, y) => order("<", key(x), key(y)));
  const groups: Tuple[] = [];
  // compared by the key (lower-cased unless case_sensitive); the grouper shown is the first item's own value
  let groupKey: unknown;
  for (const item of sorted) {
    const g = groups[groups.length - 1];
    const kv = key(item);
    if (g && pyEquals(groupKey, kv)) (g[1] as unknown[]).push(item);
    else {
      groupKey = kv;
      const t = Tuple.create<unknown>([truthy(cs) ? kv : env.attr(item, String(attribute), dflt), [item]]);
      Object.defineProperties(t, { grouper: { get: () => t[0] }, list: { get: () => t[1] } });
      groups.push(t);
    }
  }
  return groups;
}

function minMax(env: FilterEnv, value: unknown, a: unknown[], k: Record<string, unknown>, max: boolean): unknown {
  const [cs, attribute] = (max ? BIND.max : BIND.min)(a, k);
  const items = iterate(value);
  if (items.length === 0) return undefined;
  // (an item without the attribute fails when compared, as Jinja2's Undefined does)
  const key = keyFn(env, attribute, cs, true);
  // Python's max() asks `item > best`, min() `item < best` (its TypeError names the operator)
  // (the first of equal items is kept)
  return items.reduce((best, x) => {
    const c = order(max ? ">" : "<", key(x), key(best));
    return (max ? c > 0 : c < 0) ? x : best;
  });
}

/** Python's error for `| round` of a value that is no number (ceil and floor multiply it first). */
function roundRefusal(v: unknown, method: unknown): string {
  if (method === "common") return `type ${typeName(v)} doesn't define __round__ method`;
  return typeof v === "string" || Array.isArray(v) ? `must be real number, not ${typeName(v)}` : `unsupported operand type(s) for *: '${typeName(v)}' and 'int'`;
}

/** Python's TypeError for a value a set or dict cannot hold (a list, dict or set, also inside a tuple). */
function unhashable(v: unknown): void {
  if (v instanceof Tuple) v.forEach(unhashable);
  else if ((Array.isArray(v) && !(v instanceof PyRange)) || isDict(v) || v instanceof Map || v instanceof Set) fail(`unhashable type: '${typeName(v)}'`);
}

/** Python's len() as `length` and `count` take it: str, containers and Undefined (0); anything else has none. */
function size(v: unknown): number {
  if (typeof v === "string") return [...v].length;
  if (isDict(v)) return Object.keys(v).length;
  if (v === null || (typeof v !== "object" && v !== undefined)) fail(`object of type '${typeName(v)}' has no len()`);
  return iterate(v).length;
}

/** Where title() begins words: runs of Python's blanks, '-' and opening brackets (kept by split()). */
const TITLE_BREAKS = new RegExp(`((?:[-({[<]|${WS_CLASS})+)`);

/** Jinja2's built-in filters. */
export const BUILTIN_FILTERS: Record<string, FilterFn> = {
  abs: (_e, v) => (v instanceof PyDecimal ? decimalAbs(v) : v instanceof PyFloat ? new PyFloat(Math.abs(v.value)) : Math.abs(numberOf(v) ?? fail(`bad operand type for abs(): '${typeName(v)}'`))),
  // an attribute only, as Python's getattr: a dict's keys are not attributes (its methods are)
  attr: (e, v, a) => (isDict(v) && !pythonMethod(v, String(a[0])) ? undefined : e.attr(v, String(a[0]))),
  batch: (_e, v, a, k) => {
    const [size, fill] = BIND.batch(a, k);
    const n = numberOf(size);
    // as Jinja2 fills them: a full batch is closed before the next item (so a size of 0 gives an empty first batch)
    const out: unknown[][] = [];
    let batch: unknown[] = [];
    for (const x of iterate(v)) {
      if (batch.length === n) {
        out.push(batch);
        batch = [];
      }
      batch.push(x);
    }
    if (batch.length > 0) {
      if (fill !== null) while (batch.length < (n as number)) batch.push(fill);
      out.push(batch);
    }
    return out;
  },
  capitalize: (_e, v) => STR_METHODS.capitalize(str(v), NO_ARGS, NO_KWARGS, () => undefined),
  center: (_e, v, a, k) => STR_METHODS.center(str(v), BIND.center(a, k), {}, () => undefined),
  count: (_e, v) => size(v),
  length: (_e, v) => size(v),
  default: (_e, v, a, k) => {
    const [dflt, boolean] = BIND.default(a, k);
    return v === undefined || (truthy(boolean) && !truthy(v)) ? dflt : v;
  },
  dictsort: (_e, v, a, k) => {
    const [cs, by, reverse] = BIND.dictsort(a, k);
    if (by !== "key" && by !== "value") fail('You can only sort by either "key" or "value"');
    const pos = by === "value" ? 1 : 0;
    // a host mapping (a dbt config, a relation) sorts its own entries
    if (v === null || typeof v !== "object" || Array.isArray(v)) fail(`'${typeName(v)}' object has no attribute 'items'`);
    const items = Object.keys(v as object).map((key) => Tuple.create<unknown>([key, (v as Record<string, unknown>)[key]]));
    const sign = pyIndex(reverse) === 0 ? 1 : -1;
    // Stryker disable next-line ArithmeticOperator: sign is 1 or -1
    return items.sort((x, y) => order("<", lowerIf(x[pos], cs), lowerIf(y[pos], cs)) * sign);
  },
  escape: (_e, v) => str(v).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;"),
  first: (_e, v) => iterate(v)[0],
  last: (_e, v) => {
    // Jinja2 takes the first of reversed(value)
    if (v === null || (typeof v !== "object" && typeof v !== "string" && v !== undefined)) fail(`'${typeName(v)}' object is not reversible`);
    const xs = iterate(v);
    return xs[xs.length - 1];
  },
  float: (_e, v, a, k) => {
    const n = typeof v === "string" ? pyFloatOf(v) : numberOf(v);
    return n === undefined ? BIND.float(a, k)[0] : toFloat(n);
  },
  int: (_e, v, a, k) => {
    const [dflt, base] = BIND.int(a, k);
    // (a base that is no int is int()'s TypeError: Jinja2 then tries float())
    return toInt(v, dflt, typeof base === "boolean" || Number.isInteger(base) ? Number(base) : NaN);
  },
  format: (_e, v, a, k) => {
    if (a.length > 0 && Object.keys(k).length > 0) fail("can't handle positional and keyword arguments at the same time");
    return printfFormat(str(v), Object.keys(k).length > 0 ? [k] : a);
  },
  groupby,
  indent: (_e, v, a, k) => {
    const [width, first, blank] = BIND.indent(a, k);
    // (Python's " " * width: none for a negative width, a TypeError for a float)
    const pad = typeof width === "string" ? width : (mul(" ", width) as string);
    // Jinja2 adds a newline, then takes Python's splitlines (any line break becomes \n)
    const lines = STR_METHODS.splitlines(`${str(v)}\n`, NO_ARGS, NO_KWARGS, () => undefined) as string[];
    return lines.map((l, i) => ((i === 0 && !truthy(first)) || (l === "" && i > 0 && !truthy(blank)) ? l : pad + l)).join("\n");
  },
  items: (_e, v) => {
    if (v === undefined) return [];
    if (v instanceof Map) return [...v].map((pair) => Tuple.create<unknown>(pair));
    if (v === null || typeof v !== "object" || Array.isArray(v)) return fail("Can only get item pairs from a mapping.");
    return Object.keys(v).map((key) => Tuple.create<unknown>([key, (v as Record<string, unknown>)[key]]));
  },
  join: (e, v, a, k) => {
    const [d, attribute] = BIND.join(a, k);
    return iterate(v).map((x) => str(attribute === null ? x : e.attr(x, String(attribute)))).join(str(d));
  },
  list: (_e, v) => [...iterate(v)],
  lower: (_e, v) => str(v).toLowerCase(),
  upper: (_e, v) => str(v).toUpperCase(),
  map: (e, v, a, k) => {
    // Jinja2's map yields nothing for a falsy sequence (None, '', [])
    if (v === null) return [];
    // (the default, unless None, stands in at each step of the path)
    if ("attribute" in k) return iterate(v).map((x) => e.attr(x, String(k.attribute), k.default));
    const [name, ...rest] = a;
    return iterate(v).map((x) => e.filter(String(name), x, rest, k));
  },
  max: (e, v, a, k) => minMax(e, v, a, k, true),
  min: (e, v, a, k) => minMax(e, v, a, k, false),
  pprint: (_e, v) => pyRepr(v),
  random: (_e, v) => {
    const xs = iterate(v);
    return xs[Math.floor(Math.random() * xs.length)];
  },
  reject: (e, v, a) => selectOrReject(e, v, a, false, false),
  rejectattr: (e, v, a) => selectOrReject(e, v, a, true, false),
  select: (e, v, a) => selectOrReject(e, v, a, false, true),
  selectattr: (e, v, a) => selectOrReject(e, v, a, true, true),
  replace: (_e, v, a, k) => {
    // Jinja2's count=None is str.replace's count left out
    const [old, replacement, count] = BIND.replace(a, k);
    return STR_METHODS.replace(str(v), count === null ? [old, replacement] : [old, replacement, count], {}, () => undefined);
  },
  reverse: (_e, v) => {
    if (typeof v === "string") return [...v].reverse().join("");
    if (v === null || (typeof v !== "object" && v !== undefined)) fail("argument must be iterable");
    return [...iterate(v)].reverse();
  },
  round: (_e, v, a, k) => {
    const [precision, method] = BIND.round(a, k);
    if (method !== "common" && method !== "ceil" && method !== "floor") fail("method must be common, ceil or floor");
    if (method !== "common") {
      // Jinja2: math.ceil/floor(value * 10 ** precision) / 10 ** precision (any number, Python's errors)
      const m = numberOf(pow(10, precision)) as number;
      const n = numberOf(v) ?? fail(roundRefusal(v, method));
      return toFloat((method === "ceil" ? Math.ceil(n * m) : Math.floor(n * m)) / m);
    }
    // Python's round(x, None) is round(x): an int
    if (precision === null) {
      const whole = numberOf(BUILTIN_FILTERS.round(_e, v, NO_ARGS, NO_KWARGS)) as number;
      if (!Number.isFinite(whole)) fail(`cannot convert float ${Number.isNaN(whole) ? "NaN" : "infinity"} to integer`);
      return whole === 0 ? 0 : whole;
    }
    const digits = pyIndex(precision);
    if (v instanceof PyDecimal) return decimalRound(v, digits);
    const r = roundHalfEven(numberOf(v) ?? fail(roundRefusal(v, method)), digits);
    return isFloat(v) ? toFloat(r) : r;
  },
  safe: (_e, v) => v,
  slice: (_e, v, a, k) => {
    const [slices, fillWith] = BIND.slice(a, k);
    const xs = iterate(v);
    // in Jinja2's order: length // slices, length % slices, range(slices) (with Python's errors)
    const per = numberOf(floorDiv(xs.length, slices)) as number;
    const extra = numberOf(mod(xs.length, slices)) as number;
    const n = pyIndex(slices);
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const size = per + (i < extra ? 1 : 0);
      out.push(xs.slice(offset, offset + size));
      offset += size;
      if (fillWith !== null && i >= extra) out[i].push(fillWith);
    }
    return out;
  },
  sort: (e, v, a, k) => {
    const [reverse, cs, attribute] = BIND.sort(a, k);
    // with an attribute, Jinja2 sorts on a list of the attributes' values: lists compare item by
    // item with == first, so items that all lack the attribute (two undefined) keep their order;
    // the names are not trimmed (`a, b` sorts on `a` and on ` b`, which nothing has)
    // (an undefined attribute finds nothing in any item, as Jinja2's lookup of an Undefined key)
    const parts = attribute === null ? undefined : String(attribute).split(",").map((x) => keyFn(e, x, cs));
    const key = parts ? (x: unknown) => parts.map((f) => f(x)) : keyFn(e, attribute, cs);
    const sign = pyIndex(reverse) === 0 ? 1 : -1;
    // Stryker disable next-line ArithmeticOperator: sign is 1 or -1
    return [...iterate(v)].sort((x, y) => order("<", key(x), key(y)) * sign);
  },
  string: (_e, v) => str(v),
  // then Python's " ".join(s.split()): its blanks, not JavaScript's
  striptags: (_e, v) => (STR_METHODS.split(str(v).replace(/<!--[\s\S]*?-->|<[^>]*>/g, ""), NO_ARGS, NO_KWARGS, () => undefined) as string[]).join(" "),
  sum: (e, v, a, k) => {
    const [attribute, start] = BIND.sum(a, k);
    if (typeof start === "string") fail("sum() can't sum strings [use ''.join(seq) instead]");
    return iterate(v).reduce((acc: unknown, x) => add(acc, attribute === null ? x : e.attr(x, String(attribute))), start);
  },
  // Jinja2's own title: words begin after a blank, '-', or an opening bracket (not after ' or a digit)
  title: (_e, v) => str(v).split(TITLE_BREAKS).map((w) => (w === "" ? w : w[0].toUpperCase() + w.slice(1).toLowerCase())).join(""),
  tojson: (_e, v, a, k) => {
    const [indent] = BIND.tojson(a, k);
    return toJson(v, typeof indent === "string" ? indent : numberOf(indent));
  },
  trim: (_e, v, a, k) => STR_METHODS.strip(str(v), BIND.trim(a, k), {}, () => undefined),
  truncate: (_e, v, a, k) => {
    const [length, killwords, end, leeway] = BIND.truncate(a, k);
    // (lengths in code points, as Python's)
    const s = [...str(v)];
    const tail = [...str(end)].length;
    // Jinja2 asserts both before looking at the text (Python's comparisons and their TypeErrors)
    if (!compare(">=", length, tail)) fail(`expected length >= ${tail}, got ${str(length)}`);
    if (!compare(">=", leeway, 0)) fail(`expected leeway >= 0, got ${str(leeway)}`);
    if (compare("<=", s.length, add(length, leeway))) return s.join("");
    const stop = sub(length, tail);
    if (typeof stop !== "number") fail("slice indices must be integers or None or have an __index__ method");
    const cut = s.slice(0, stop).join("");
    // without killwords, the cut goes back to its last blank (Python's rsplit(" ", 1)[0])
    return (truthy(killwords) || !cut.includes(" ") ? cut : cut.slice(0, cut.lastIndexOf(" "))) + str(end);
  },
  unique: (e, v, a, k) => {
    const [cs, attribute] = BIND.unique(a, k);
    const key = keyFn(e, attribute, cs);
    // Stryker disable next-line ArrayDeclaration: a key seen before any item that no template has
    const seen: unknown[] = [];
    return iterate(v).filter((x) => {
      const kx = key(x);
      // Jinja2 keeps the keys seen in a Python set
      unhashable(kx);
      if (seen.some((s) => pyEquals(s, kx))) return false;
      seen.push(kx);
      return true;
    });
  },
  urlencode: (_e, v) => {
    if (!isDict(v) && !Array.isArray(v)) return urlQuote(str(v), false);
    const pairs = isDict(v) ? Object.entries(v) : (v as unknown[]).map((pair) => unpack(pair, 2));
    return pairs.map(([key, x]) => `${urlQuote(str(key), true)}=${urlQuote(str(x), true)}`).join("&");
  },
  // Python's \w: letters and digits of any script, and _
  wordcount: (_e, v) => (str(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
};
BUILTIN_FILTERS.d = BUILTIN_FILTERS.default;
BUILTIN_FILTERS.e = BUILTIN_FILTERS.escape;
BUILTIN_FILTERS.forceescape = BUILTIN_FILTERS.escape;
