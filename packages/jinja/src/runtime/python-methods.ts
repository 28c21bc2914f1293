import { bindArgs } from "./bind-args";
import { fail } from "./signals";
import { pyFormat } from "./string-format";
import { order } from "./operators";
import { isDict, isFloat, itemEquals, numberOf, pyEquals, pyIndex, pyRepr, pyStr, PY_METHODS, truthy, Tuple, typeName, type HostMethod } from "./values";
import { iterate } from "./iterate";

/** Python's whitespace (str.isspace): what split(), strip() and isspace() treat as blanks. */
const WS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
export const WS_CLASS = "[\\t\\n\\r\\x0b\\x0c\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const WS_RUN = new RegExp(`${WS_CLASS}+`);
const WS_TRAILING = new RegExp(`${WS_CLASS}+$`);
const WS_LEADING = new RegExp(`^${WS_CLASS}+`);
const WS_ONLY = new RegExp(`^${WS_CLASS}+$`);
const WORD = `[^${WS_CLASS.slice(1)}+`;
const LAST_WORD = new RegExp(`${WS_CLASS}*(${WORD})$`);

/** Python's errors for a method that takes no keywords and at most `max` positional arguments (`str.strip`, `dict.get`). */
function positionalOnly(type: string, method: string, a: unknown[], k: Record<string, unknown>, max: number): unknown[] {
  if (Object.keys(k).length > 0) fail(`${type}.${method}() takes no keyword arguments`);
  if (a.length > max) fail(`${method} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${a.length}`);
  return a;
}

/** {@link bindArgs} with the messages of Python's built-in methods (`'x' is an invalid keyword argument for split()`). */
function builtinArgs(method: string, params: ReadonlyArray<readonly [string, unknown]>, a: unknown[], k: Record<string, unknown>): unknown[] {
  for (const name of Object.keys(k)) if (!params.some(([p]) => p === name)) fail(`'${name}' is an invalid keyword argument for ${method}()`);
  if (a.length > params.length) fail(`${method}() takes at most ${params.length} argument${params.length === 1 ? "" : "s"} (${a.length} given)`);
  return bindArgs(method, params, a, k);
}

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === null ? WS : String(chars);
  let a = 0;
  let b = s.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the other end was stripped already, so going past it strips nothing more
  if (left) while (a < b && set.includes(s[a])) a++;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the other end was stripped already, so going past it strips nothing more
  if (right) while (b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function split(s: string, sep: unknown, maxsplit: number, fromRight: boolean): string[] {
  if (sep === null) {
    const words = s.split(WS_RUN).filter((w) => w !== "");
    // with splits to spare every word stands alone; otherwise the last part keeps its outer blanks
    if (maxsplit < 0 || words.length <= maxsplit) return words;
    if (!fromRight) {
      const re = new RegExp(WORD, "g");
      const out: string[] = [];
      let m: RegExpExecArray | null;
      while (out.length < maxsplit && (m = re.exec(s))) out.push(m[0]);
      out.push(s.slice(re.lastIndex).replace(WS_LEADING, ""));
      return out;
    }
    // from the right: the last words, and what is before them with its own spacing (its trailing blanks dropped)
    const tail: string[] = [];
    let rest = s.replace(WS_TRAILING, "");
    while (tail.length < maxsplit) {
      const m = LAST_WORD.exec(rest)!;
      tail.unshift(m[1]);
      // (the match starts with the blanks before the word)
      rest = rest.slice(0, m.index);
    }
    return [rest, ...tail];
  }
  const d = String(sep);
  if (d === "") fail("empty separator");
  const parts = s.split(d);
  if (maxsplit < 0 || parts.length <= maxsplit) return parts;
  if (fromRight) return [parts.slice(0, parts.length - maxsplit).join(d), ...parts.slice(parts.length - maxsplit)];
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(d)];
}

/** An int argument: a bool is one; None, a float or a Decimal is not, as in Python. */
function int(v: unknown): number {
  const n = isFloat(v) ? undefined : numberOf(v);
  return n ?? fail(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Whether `s` has one of the prefixes or suffixes `v` (a str or a tuple of them, tried in order; a list is refused, as in Python). */
function hasAffix(method: string, v: unknown, fits: (affix: string) => boolean): boolean {
  if (typeof v === "string") return fits(v);
  if (!(v instanceof Tuple)) return fail(`${method} first arg must be str or a tuple of str, not ${typeName(v)}`);
  for (const x of v) {
    if (typeof x !== "string") fail(`tuple for ${method} must only contain str, not ${typeName(x)}`);
    if (fits(x)) return true;
  }
  return false;
}

/** Python's start/end arguments of a str method as indexes into `s` (negative from the end, clamped). */
function bounds(s: string, start: unknown, end: unknown): [number, number] {
  const at = (v: unknown, dflt: number) => {
    const i = numberOf(v) ?? dflt;
    return Math.min(Math.max(i < 0 ? i + s.length : i, 0), s.length);
  };
  return [at(start, 0), at(end, s.length)];
}

/** A start index past the end of `s` (Python finds nothing there, not even an empty string). */
function positionBeyond(s: string, start: unknown): boolean {
  return (numberOf(start) ?? 0) > s.length;
}

/** Python's str.find/rfind(sub, start, end): the first (or last) index of `sub` inside `s[start:end]`, or -1. */
function search(s: string, a: unknown[], last: boolean): number {
  const [from, to] = bounds(s, a[1], a[2]);
  if (to < from || positionBeyond(s, a[1])) return -1;
  const within = s.slice(from, to);
  const i = last ? within.lastIndexOf(String(a[0])) : within.indexOf(String(a[0]));
  return i < 0 ? -1 : from + i;
}

/** str.index/rindex: the index `search` found, or Python's ValueError. */
function found(i: number): number {
  return i < 0 ? fail("substring not found") : i;
}

/** The width and fill character of ljust/rjust/center (one character, a blank by default), with Python's errors. */
function padArgs(method: string, a: unknown[]): [number, string] {
  if (a.length < 1) fail(`${method} expected at least 1 argument, got 0`);
  if (a.length > 2) fail(`${method} expected at most 2 arguments, got ${a.length}`);
  if (a[1] === undefined) return [int(a[0]), " "];
  if (typeof a[1] !== "string") fail(`The fill character must be a unicode character, not ${typeName(a[1])}`);
  return [int(a[0]), [...a[1]].length === 1 ? a[1] : fail("The fill character must be exactly one character long")];
}

/** How many characters (code points, as Python counts) `s` lacks to be `width` long. */
function room(s: string, width: number): number {
  return Math.max(0, width - [...s].length);
}

/** The digraphs whose title case is neither their upper nor their lower case. */
const DIGRAPH_TITLES: Record<string, string> = { Ǆ: "ǅ", ǅ: "ǅ", ǆ: "ǅ", Ǉ: "ǈ", ǈ: "ǈ", ǉ: "ǈ", Ǌ: "ǋ", ǋ: "ǋ", ǌ: "ǋ", Ǳ: "ǲ", ǲ: "ǲ", ǳ: "ǲ" };

/** One character in title case, as Python's title() and capitalize() write it: `ß` is `Ss`, `ﬁ` is `Fi`, `ǆ` is `ǅ`. */
function titleChar(c: string): string {
  if (Object.prototype.hasOwnProperty.call(DIGRAPH_TITLES, c)) return DIGRAPH_TITLES[c];
  // an upper case of several characters keeps its first letter upper and lowers the others (`ŉ` is `ʼN`)
  const upper = [...c.toUpperCase()];
  const letter = upper.findIndex((u) => u !== u.toLowerCase());
  return upper.slice(0, letter + 1).join("") + upper.slice(letter + 1).join("").toLowerCase();
}

/** Python's str.title: a cased character after an uncased one (a digit, ', a blank) starts a word. */
function pyTitle(s: string): string {
  let out = "";
  let inWord = false;
  for (const c of s) {
    const cased = c.toLowerCase() !== c.toUpperCase();
    out += cased ? (inWord ? c.toLowerCase() : titleChar(c)) : c;
    inWord = cased;
  }
  return out;
}

/** Python's str.istitle: some cased character, upper or title case ones only after uncased ones, lower case ones only after cased ones. */
function isTitle(s: string): boolean {
  let cased = false;
  let afterCased = false;
  for (const c of s) {
    const lower = c !== c.toUpperCase() && c === c.toLowerCase();
    if (c !== c.toLowerCase() ? afterCased : lower && !afterCased) return false;
    afterCased = c !== c.toLowerCase() || lower;
    cased ||= afterCased;
  }
  return cased;
}

/** Python's str.swapcase: lower case characters to upper case and upper case ones to lower; title case (`ǅ`) and uncased ones stay. */
function swapCase(c: string): string {
  if (c !== c.toUpperCase() && c === c.toLowerCase()) return c.toUpperCase();
  if (c !== c.toLowerCase() && c === c.toUpperCase()) return c.toLowerCase();
  return c;
}

/** Python's str.isdigit: decimal digits of any script, and the other characters Unicode gives a digit value (², ₃, ④). */
const DIGITS = /^[\p{Nd}\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]+$/u;

/** Python `str` methods. */
export const STR_METHODS: Record<string, (s: string, a: unknown[], k: Record<string, unknown>, getattr: (o: unknown, n: string) => unknown) => unknown> = {
  format: (s, a, k, getattr) => pyFormat(s, a, k, getattr),
  // (a mapping that is not a dict has no keys here)
  format_map: (s, a, _k, getattr) => (a.length === 1 ? pyFormat(s, [], isDict(a[0]) ? a[0] : {}, getattr) : fail(`str.format_map() takes exactly one argument (${a.length} given)`)),
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  // full case folding: through upper case, so that ß folds to ss and ﬁ to fi
  casefold: (s) => s.toUpperCase().toLowerCase(),
  swapcase: (s) => [...s].map(swapCase).join(""),
  title: (s) => pyTitle(s),
  capitalize: (s) => {
    const [first = "", ...rest] = s;
    return titleChar(first) + rest.join("").toLowerCase();
  },
  strip: (s, a, k) => stripChars(s, positionalOnly("str", "strip", a, k, 1)[0] ?? null, true, true),
  lstrip: (s, a, k) => stripChars(s, positionalOnly("str", "lstrip", a, k, 1)[0] ?? null, true, false),
  rstrip: (s, a, k) => stripChars(s, positionalOnly("str", "rstrip", a, k, 1)[0] ?? null, false, true),
  split: (s, a, k) => {
    const [sep, max] = builtinArgs("split", [["sep", null], ["maxsplit", -1]], a, k);
    return split(s, sep, int(max), false);
  },
  rsplit: (s, a, k) => {
    const [sep, max] = builtinArgs("rsplit", [["sep", null], ["maxsplit", -1]], a, k);
    return split(s, sep, int(max), true);
  },
  // keepends: each line with its own break
  splitlines: (s, a, k) => {
    const [keepends] = builtinArgs("splitlines", [["keepends", false]], a, k);
    // each line and its break (none at the end)
    const lines = [...s.matchAll(/([^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*)(\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|$)/g)].filter((m) => m[0] !== "");
    return lines.map((m) => (truthy(keepends) ? m[0] : m[1]));
  },
  startswith: (s, a) => {
    const [from, to] = bounds(s, a[1], a[2]);
    return hasAffix("startswith", a[0], (p) => !positionBeyond(s, a[1]) && from + p.length <= to && s.startsWith(p, from));
  },
  endswith: (s, a) => {
    const [from, to] = bounds(s, a[1], a[2]);
    return hasAffix("endswith", a[0], (p) => !positionBeyond(s, a[1]) && to - p.length >= from && s.slice(0, to).endsWith(p));
  },
  replace: (s, a) => {
    if (a.length < 2) fail(`replace expected at least 2 arguments, got ${a.length}`);
    const count = a[2] === undefined ? -1 : int(a[2]);
    // an empty old string matches before every character and at the end
    if (String(a[0]) === "") return [...s, ""].map((c, i) => (count < 0 || i < count ? String(a[1]) + c : c)).join("");
    if (count < 0) return s.split(String(a[0])).join(String(a[1]));
    let out = s;
    let from = 0;
    for (let i = 0; i < count; i++) {
      const at = out.indexOf(String(a[0]), from);
      if (at < 0) break;
      out = out.slice(0, at) + String(a[1]) + out.slice(at + String(a[0]).length);
      from = at + String(a[1]).length;
    }
    return out;
  },
  join: (s, a) => (a.length !== 1 ? fail(`str.join() takes exactly one argument (${a.length} given)`) : iterate(a[0])).map((x, i) => {
    if (typeof x !== "string") fail(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
    return x;
  }).join(s),
  find: (s, a) => search(s, a, false),
  rfind: (s, a) => search(s, a, true),
  index: (s, a) => found(search(s, a, false)),
  rindex: (s, a) => found(search(s, a, true)),
  count: (s, a) => {
    const [from, to] = bounds(s, a[1], a[2]);
    if (to < from || positionBeyond(s, a[1])) return 0;
    const within = s.slice(from, to);
    return String(a[0]) === "" ? within.length + 1 : within.split(String(a[0])).length - 1;
  },
  ljust: (s, a) => {
    const [w, f] = padArgs("ljust", a);
    return s + f.repeat(room(s, w));
  },
  rjust: (s, a) => {
    const [w, f] = padArgs("rjust", a);
    return f.repeat(room(s, w)) + s;
  },
  center: (s, a) => {
    const [w, f] = padArgs("center", a);
    const r = room(s, w);
    // Python's split of the room: the odd one goes left when the width is odd too
    const left = Math.floor(r / 2) + (r & w & 1);
    return f.repeat(left) + s + f.repeat(r - left);
  },
  zfill: (s, a) => {
    if (a.length !== 1) fail(`str.zfill() takes exactly one argument (${a.length} given)`);
    const w = int(a[0]);
    const sign = /^[-+]/.test(s) ? s[0] : "";
    return sign + "0".repeat(room(s, w)) + s.slice(sign.length);
  },
  partition: (s, a) => {
    if (String(a[0]) === "") fail("empty separator");
    const i = s.indexOf(String(a[0]));
    return i < 0 ? Tuple.create([s, "", ""]) : Tuple.create([s.slice(0, i), String(a[0]), s.slice(i + String(a[0]).length)]);
  },
  rpartition: (s, a) => {
    if (String(a[0]) === "") fail("empty separator");
    const i = s.lastIndexOf(String(a[0]));
    return i < 0 ? Tuple.create(["", "", s]) : Tuple.create([s.slice(0, i), String(a[0]), s.slice(i + String(a[0]).length)]);
  },
  isdigit: (s) => DIGITS.test(s),
  // (Python also counts CJK numerals such as 一 and 万, letters to Unicode)
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isdecimal: (s) => /^\p{Nd}+$/u.test(s),
  isalpha: (s) => /^[\p{L}]+$/u.test(s),
  isalnum: (s) => /^[\p{L}\d]+$/u.test(s),
  isspace: (s) => WS_ONLY.test(s),
  isascii: (s) => /^[\x00-\x7f]*$/.test(s),
  // no control, format, private-use, unassigned or separator character but the blank
  isprintable: (s) => /^(?:[^\p{C}\p{Z}]| )*$/u.test(s),
  islower: (s) => s !== s.toUpperCase() && s === s.toLowerCase(),
  isupper: (s) => s !== s.toLowerCase() && s === s.toUpperCase(),
  istitle: (s) => isTitle(s),
  isidentifier: (s) => /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s),
  removeprefix: (s, a) => (s.startsWith(String(a[0])) ? s.slice(String(a[0]).length) : s),
  removesuffix: (s, a) => (String(a[0]) !== "" && s.endsWith(String(a[0])) ? s.slice(0, -String(a[0]).length) : s),
  expandtabs: (s, a, k) => {
    const size = int(builtinArgs("expandtabs", [["tabsize", 8]], a, k)[0]);
    let out = "";
    let column = 0;
    for (const c of s) {
      if (c === "\t") {
        // Stryker disable next-line EqualityOperator: a size of 0 gives NaN spaces, which repeat() takes as none
        const spaces = size > 0 ? size - (column % size) : 0;
        out += " ".repeat(spaces);
        column += spaces;
      } else {
        out += c;
        column = c === "\n" || c === "\r" ? 0 : column + 1;
      }
    }
    return out;
  },
  encode: (s) => s,
  __str__: (s) => s,
};

/** list.index(v, start, stop): the first equal item within the (clamped, negative from the end) bounds. */
function listIndex(xs: unknown[], v: unknown, start: unknown, stop: unknown): number {
  const at = (b: unknown, dflt: number): number => {
    const i = b === undefined ? dflt : (numberOf(b) as number);
    return Math.min(Math.max(i < 0 ? i + xs.length : i, 0), xs.length);
  };
  const from = at(start, 0);
  const i = xs.slice(from, at(stop, xs.length)).findIndex((x) => itemEquals(x, v));
  return i < 0 ? fail(`${pyRepr(v)} is not in list`) : from + i;
}

/** Python `list` methods (tuples get only the read-only ones). */
export const LIST_METHODS: Record<string, (xs: unknown[], a: unknown[], k: Record<string, unknown>) => unknown> = {
  append: (xs, a) => void xs.push(a[0]),
  extend: (xs, a) => void xs.push(...iterate(a[0])),
  insert: (xs, a) => {
    if (a.length !== 2) fail(`insert expected 2 arguments, got ${a.length}`);
    // (splice counts a negative index from the end and clamps, as Python's insert does)
    xs.splice(int(a[0]), 0, a[1]);
  },
  remove: (xs, a) => {
    const i = xs.findIndex((x) => itemEquals(x, a[0]));
    if (i < 0) fail("list.remove(x): x not in list");
    xs.splice(i, 1);
  },
  pop: (xs, a) => {
    if (xs.length === 0) fail("pop from empty list");
    let i = a[0] === undefined ? -1 : int(a[0]);
    if (i < 0) i += xs.length;
    if (i < 0 || i >= xs.length) fail("pop index out of range");
    return xs.splice(i, 1)[0];
  },
  index: (xs, a) => listIndex(xs, a[0], a[1], a[2]),
  count: (xs, a) => xs.filter((x) => itemEquals(x, a[0])).length,
  reverse: (xs) => void xs.reverse(),
  sort: (xs, a, k) => {
    if (a.length > 0) fail("sort() takes no positional arguments");
    const [key, reverse] = builtinArgs("sort", [["key", null], ["reverse", false]], [], k);
    const keyOf = typeof key === "function" ? (x: unknown) => (key as (x: unknown) => unknown)(x) : (x: unknown) => x;
    // Stryker disable next-line ArithmeticOperator: dividing by 1 or -1 is multiplying by it
    const sign = pyIndex(reverse) === 0 ? 1 : -1;
    xs.sort((x, y) => order("<", keyOf(x), keyOf(y)) * sign);
  },
  copy: (xs) => [...xs],
  clear: (xs) => void xs.splice(0, xs.length),
};

const TUPLE_METHODS = new Set(["index", "count"]);

/** The key and default of `dict.get`, with Python's errors. */
function getArgs(a: unknown[], k: Record<string, unknown>): [unknown, unknown] {
  const [key, dflt = null] = positionalOnly("dict", "get", a, k, 2);
  return a.length < 1 ? fail("get expected at least 1 argument, got 0") : [key, dflt];
}

/** Python `dict` methods, on plain objects (and `.get`/`.items`… on host objects that lack them). */
export const DICT_METHODS: Record<string, (d: Record<string, unknown>, a: unknown[], k: Record<string, unknown>) => unknown> = {
  get: (d, a, k) => {
    const [key, dflt] = getArgs(a, k);
    const name = String(key);
    // (an undefined member equals Object's absent one)
    return name in d && d[name] !== Object.prototype[name as keyof object] ? d[name] : dflt;
  },
  items: (d) => Object.keys(d).map((key) => Tuple.create<unknown>([key, d[key]])),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  pop: (d, a) => {
    const key = String(a[0]);
    if (!Object.prototype.hasOwnProperty.call(d, key)) return a.length > 1 ? a[1] : fail(`KeyError: ${pyRepr(a[0])}`);
    const v = d[key];
    delete d[key];
    return v;
  },
  setdefault: (d, a) => {
    const key = String(a[0]);
    if (!Object.prototype.hasOwnProperty.call(d, key)) d[key] = a.length > 1 ? a[1] : null;
    return d[key];
  },
  update: (d, a, k) => {
    const src = a[0];
    if (isDict(src)) Object.assign(d, src);
    // a dict keyed by host objects (relations) merged into a plain dict: keys become their str()
    else if (src instanceof Map) for (const [key, v] of src) d[pyStr(key)] = v;
    // (no argument: Undefined iterates as nothing)
    else {
      for (const [index, pair] of iterate(src).entries()) {
        const kv = iterate(pair);
        if (kv.length !== 2) fail(`dictionary update sequence element #${index} has length ${kv.length}; 2 is required`);
        d[pyStr(kv[0])] = kv[1];
      }
    }
    Object.assign(d, k);
  },
  copy: (d) => ({ ...d }),
  clear: (d) => {
    for (const key of Object.keys(d)) delete d[key];
  },
  popitem: (d) => {
    const keys = Object.keys(d);
    if (keys.length === 0) fail("KeyError: 'popitem(): dictionary is empty'");
    const key = keys[keys.length - 1];
    const v = d[key];
    delete d[key];
    return Tuple.create<unknown>([key, v]);
  },
};

/** Python `dict` methods on a Map (a dict whose keys are host objects, such as dbt relations). */
export const MAP_METHODS: Record<string, (d: Map<unknown, unknown>, a: unknown[], k: Record<string, unknown>) => unknown> = {
  get: (d, a, k) => {
    const [key, dflt] = getArgs(a, k);
    for (const [x, v] of d) if (pyEquals(x, key)) return v;
    return dflt;
  },
  items: (d) => [...d].map(([key, v]) => Tuple.create<unknown>([key, v])),
  keys: (d) => [...d.keys()],
  values: (d) => [...d.values()],
  copy: (d) => new Map(d),
};

/** Returned by {@link invokePythonMethod} when `self`'s type has no method `name`. */
export const NO_METHOD = Symbol("no such method");

/** A method table's own entry: JavaScript's inherited members (`constructor`, `toString`) are no Python methods. */
function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** What a Python method gives back: None where the JavaScript one returns nothing (`list.append`, `dict.update`, …). */
const none = (v: unknown): unknown => (v === undefined ? null : v);

/** Calls `self.name(args)` when `self`'s Python type has that method; {@link NO_METHOD} when it has none. */
export function invokePythonMethod(self: unknown, name: string, a: unknown[], k: Record<string, unknown>, getattr: (o: unknown, n: string) => unknown): unknown {
  const method = pythonMethod(self, name);
  return method ? method(a, k, getattr) : NO_METHOD;
}

function hostMethod(self: unknown, name: string): HostMethod | undefined {
  const table = (self as { [PY_METHODS]?: Record<string, HostMethod> } | undefined)?.[PY_METHODS];
  return table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** Finds the Python method `name` for `self`, if its type has one. */
export function pythonMethod(self: unknown, name: string): ((a: unknown[], k: Record<string, unknown>, getattr: (o: unknown, n: string) => unknown) => unknown) | undefined {
  if (typeof self === "string") {
    const m = own(STR_METHODS, name);
    return m && ((a, k, g) => none(m(self, a, k, g)));
  }
  if (Array.isArray(self)) {
    const host = hostMethod(self, name);
    if (host) return (a, k) => host(self as never, a, k);
    if (self instanceof Tuple && !TUPLE_METHODS.has(name)) return undefined;
    const m = own(LIST_METHODS, name);
    return m && ((a, k) => none(m(self, a, k)));
  }
  if (isDict(self)) {
    const m = own(DICT_METHODS, name);
    return m && ((a, k) => none(m(self, a, k)));
  }
  const m = self instanceof Map ? own(MAP_METHODS, name) : undefined;
  if (m) return (a, k) => none(m(self as Map<unknown, unknown>, a, k));
  const host = hostMethod(self, name);
  return host && ((a, k) => host(self as never, a, k));
}
