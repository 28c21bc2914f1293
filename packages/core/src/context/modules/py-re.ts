import { hostFunction, PY_REPR, pyRepr, Tuple } from "@tsdbt/jinja";

/** A re flag: a number to the functions, `re.IGNORECASE` when printed. */
class ReFlag {
  constructor(readonly name: string, readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return `re.${this.name}`;
  }
}

const FLAG_VALUES: [string, string, number][] = [["I", "IGNORECASE", 2], ["M", "MULTILINE", 8], ["S", "DOTALL", 16], ["X", "VERBOSE", 64], ["A", "ASCII", 256], ["U", "UNICODE", 32]];
const FLAGS = { I: 2, M: 8, S: 16, X: 64, A: 256, U: 32 };
/** Python's re flags, long and short names. */
const FLAG_OBJECTS = Object.fromEntries(FLAG_VALUES.flatMap(([short, long, v]) => [[short, new ReFlag(long, v)], [long, new ReFlag(long, v)]]));

/** Raised for a pattern JavaScript cannot compile (Python's re.error). */
export class RegexError extends Error {}

/** Removes whitespace and `#` comments outside classes and escapes (re.VERBOSE). */
function stripVerbose(p: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      out += c + (p[i + 1] ?? "");
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
      out += c;
    } else if (c === "[") {
      inClass = true;
      out += c;
    } else if (c === "#") {
      while (i < p.length && p[i] !== "\n") i++;
    } else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/** Translates Python regex syntax to JavaScript's: named groups, \A, \Z, leading inline flag groups. */
function translate(pattern: string, flags: number): RegExp {
  let p = pattern;
  let f = flags;
  // global flags: one or more groups at the start, as `(?i)(?s)`
  for (let inline = /^\(\?([aiLmsux]+)\)/.exec(p); inline; inline = /^\(\?([aiLmsux]+)\)/.exec(p)) {
    p = p.slice(inline[0].length);
    for (const c of inline[1]) f |= { a: 256, i: 2, L: 0, m: 8, s: 16, u: 32, x: 64 }[c as "a"] ?? 0;
  }
  if (f & FLAGS.X) p = stripVerbose(p);
  p = p
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, "(?<$1>")
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, "\\k<$1>")
    .replace(/\\A/g, "^(?<![\\s\\S])")
    .replace(/\\Z/g, "(?![\\s\\S])");
  let js = "gd";
  if (f & FLAGS.I) js += "i";
  if (f & FLAGS.M) js += "m";
  if (f & FLAGS.S) js += "s";
  try {
    return new RegExp(p, js);
  } catch (e) {
    throw new RegexError(`cannot compile regular expression ${pyRepr(pattern)}: ${(e as Error).message}`);
  }
}

/** A Python `re.Match`. */
export class PyMatch {
  constructor(private readonly m: RegExpExecArray, readonly string: string, readonly re: PyPattern) {}
  private index(g: unknown): number {
    if (typeof g === "string") {
      const names = Object.keys(this.m.groups ?? {});
      if (!names.includes(g)) throw new RegexError("no such group");
      const all = [...this.re.regex.source.matchAll(/\((?!\?)|\(\?<([A-Za-z_]\w*)>/g)];
      return all.findIndex((x) => x[1] === g) + 1;
    }
    return Number(g ?? 0);
  }
  /** `group()`, `group(1)`, `group('name')`, `group(1, 2)` (a tuple). */
  group(...gs: unknown[]): unknown {
    if (gs.length <= 1) return this.m[this.index(gs[0])] ?? null;
    return Tuple.create(gs.map((g) => this.m[this.index(g)] ?? null));
  }
  groups(dflt: unknown = null): Tuple {
    return Tuple.create(this.m.slice(1).map((x) => x ?? dflt));
  }
  groupdict(dflt: unknown = null): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.m.groups ?? {}).map(([k, v]) => [k, v ?? dflt]));
  }
  start(g?: unknown): number {
    return this.m.indices?.[this.index(g)]?.[0] ?? -1;
  }
  end(g?: unknown): number {
    return this.m.indices?.[this.index(g)]?.[1] ?? -1;
  }
  span(g?: unknown): Tuple {
    return Tuple.create([this.start(g), this.end(g)]);
  }
  get lastindex(): number | null {
    for (let i = this.m.length - 1; i > 0; i--) if (this.m[i] !== undefined) return i;
    return null;
  }
  [PY_REPR](): string {
    return `<re.Match object; span=(${this.start()}, ${this.end()}), match=${pyRepr(this.m[0])}>`;
  }
  toString(): string {
    return this[PY_REPR]();
  }
}

/** Expands a Python replacement template (`\1`, `\g<1>`, `\g<name>`, `\n`, `\\`) for one match. */
function expand(template: string, m: PyMatch): string {
  return template.replace(/\\(?:g<([^>]+)>|(\d{1,2})|(.))/g, (_w, named: string | undefined, num: string | undefined, ch: string | undefined) => {
    if (named !== undefined) return String(m.group(/^\d+$/.test(named) ? Number(named) : named) ?? "");
    if (num !== undefined) return String(m.group(Number(num)) ?? "");
    return { n: "\n", t: "\t", r: "\r", "\\": "\\" }[ch as "n"] ?? `\\${ch}`;
  });
}

/** A compiled Python pattern (`re.compile(...)`) with the module's functions as methods. */
export class PyPattern {
  readonly regex: RegExp;
  constructor(readonly pattern: string, readonly flags = 0) {
    this.regex = translate(pattern, flags);
  }
  private at(s: string, pos: number): RegExpExecArray | null {
    this.regex.lastIndex = pos;
    return this.regex.exec(s);
  }
  search(s: unknown, pos = 0): PyMatch | null {
    const m = this.at(String(s), Number(pos));
    return m ? new PyMatch(m, String(s), this) : null;
  }
  match(s: unknown): PyMatch | null {
    const str = String(s);
    const sticky = new RegExp(this.regex.source, this.regex.flags.replace("g", "") + "y");
    const m = sticky.exec(str);
    return m ? new PyMatch(m, str, this) : null;
  }
  fullmatch(s: unknown): PyMatch | null {
    const str = String(s);
    const whole = new RegExp(`(?:${this.regex.source})$(?![\\s\\S])`, this.regex.flags.replace(/[gm]/g, "") + "y");
    const m = whole.exec(str);
    return m ? new PyMatch(m, str, this) : null;
  }
  finditer(s: unknown): PyMatch[] {
    const str = String(s);
    // matchAll starts where the last search left the shared regex
    this.regex.lastIndex = 0;
    return [...str.matchAll(this.regex)].map((m) => new PyMatch(m as RegExpExecArray, str, this));
  }
  findall(s: unknown): unknown[] {
    return this.finditer(s).map((m) => {
      const groups = m.groups("");
      if (groups.length === 0) return m.group(0);
      return groups.length === 1 ? groups[0] : groups;
    });
  }
  subn(repl: unknown, s: unknown, count = 0): Tuple {
    const str = String(s);
    let n = 0;
    let out = "";
    let last = 0;
    for (const m of this.finditer(str)) {
      if (count > 0 && n >= count) break;
      const replacement = typeof repl === "function" ? String((repl as (x: PyMatch) => unknown)(m)) : expand(String(repl), m);
      out += str.slice(last, m.start()) + replacement;
      last = m.end();
      n++;
    }
    return Tuple.create<unknown>([out + str.slice(last), n]);
  }
  sub(repl: unknown, s: unknown, count = 0): string {
    return this.subn(repl, s, count)[0] as string;
  }
  split(s: unknown, maxsplit = 0): unknown[] {
    const str = String(s);
    const out: unknown[] = [];
    let last = 0;
    let n = 0;
    for (const m of this.finditer(str)) {
      if (maxsplit > 0 && n >= maxsplit) break;
      out.push(str.slice(last, m.start()), ...m.groups(null));
      last = m.end();
      n++;
    }
    out.push(str.slice(last));
    return out;
  }
  toString(): string {
    return `re.compile(${pyRepr(this.pattern)})`;
  }
}

const SPECIAL = new Set("()[]{}?*+-|^$\\.&~# \t\n\r\v\f");

/**
 * `modules.re`: Python's re module over JavaScript regular expressions (named groups, `\A`/`\Z`,
 * inline flags and VERBOSE translated; Match objects with group/groups/groupdict/span).
 * Lookbehind and Unicode classes follow JavaScript's rules.
 */
export function reModule() {
  const cache = new Map<string, PyPattern>();
  const compile = (p: unknown, flags: unknown = 0): PyPattern => {
    if (p instanceof PyPattern) return p;
    const key = `${Number(flags)}:${String(p)}`;
    let pattern = cache.get(key);
    if (!pattern) cache.set(key, (pattern = new PyPattern(String(p), Number(flags ?? 0))));
    return pattern;
  };
  const flagsOf = (kw: Record<string, unknown>, positional: unknown) => Number(kw.flags ?? positional ?? 0);
  return {
    ...FLAG_OBJECTS,
    compile: hostFunction(([p, f], kw) => compile(p, flagsOf(kw, f))),
    search: hostFunction(([p, s, f], kw) => compile(p, flagsOf(kw, f)).search(s)),
    match: hostFunction(([p, s, f], kw) => compile(p, flagsOf(kw, f)).match(s)),
    fullmatch: hostFunction(([p, s, f], kw) => compile(p, flagsOf(kw, f)).fullmatch(s)),
    findall: hostFunction(([p, s, f], kw) => compile(p, flagsOf(kw, f)).findall(s)),
    finditer: hostFunction(([p, s, f], kw) => compile(p, flagsOf(kw, f)).finditer(s)),
    sub: hostFunction(([p, r, s, c, f], kw) => compile(p, flagsOf(kw, f)).sub(r, s, Number(kw.count ?? c ?? 0))),
    subn: hostFunction(([p, r, s, c, f], kw) => compile(p, flagsOf(kw, f)).subn(r, s, Number(kw.count ?? c ?? 0))),
    split: hostFunction(([p, s, m, f], kw) => compile(p, flagsOf(kw, f)).split(s, Number(kw.maxsplit ?? m ?? 0))),
    escape: (s: unknown) => [...String(s)].map((c) => (SPECIAL.has(c) ? `\\${c}` : c)).join(""),
    purge: () => cache.clear(),
    error: RegexError,
  };
}
